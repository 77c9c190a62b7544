using PersonalizedLine.Cli;
using PersonalizedLine.Cli.Remote;

namespace PersonalizedLine.Tests.Cli;

public sealed class RemoteCommandLineTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void AServerTurnsTheSameJobOptionsIntoAClientCommand()
    {
        var (command, error) = RemoteCommandLine.Parse(
            ["--server", "http://api:5000", "leads.csv", "--limit", "5", "--model", "m", "--batch", "--cancel-on-exit", "--api-key", "k"], NoEnvironment);

        Assert.Null(error);
        Assert.Equal(new Uri("http://api:5000"), command!.Server);
        Assert.Equal("k", command.ApiKey);
        Assert.True(command.CancelOnExit);
        Assert.Equal(new CommandLineOptions("leads.csv", "leads.personalized.csv", null, null, "m", Limit: 5, Batch: true), command.Submit);
        Assert.Null(command.Jobs);
    }

    [Fact]
    public void TheKeyComesFromTheEnvironmentUnlessGiven()
    {
        Func<string, string?> environment = name => name == "PERSONALIZEDLINE_API_KEY" ? "from-env" : null;

        Assert.Equal("from-env", RemoteCommandLine.Parse(["--server", "http://api", "jobs", "list"], environment).Command!.ApiKey);
        Assert.Equal("given", RemoteCommandLine.Parse(["--server", "http://api", "--api-key", "given", "jobs", "list"], environment).Command!.ApiKey);
        Assert.Null(RemoteCommandLine.Parse(["--server", "http://api", "jobs", "list"], NoEnvironment).Command!.ApiKey);
    }

    [Fact]
    public void JobsVerbsTakeTheirIdAndOptions()
    {
        var retry = RemoteCommandLine.Parse(["--server", "http://api", "jobs", "retry", "j1", "--transient"], NoEnvironment).Command!.Jobs;
        var download = RemoteCommandLine.Parse(["jobs", "download", "j2", "--output", "o.csv", "--server", "http://api"], NoEnvironment).Command!.Jobs;

        Assert.Equal(new JobsCommand("retry", "j1", Transient: true), retry);
        Assert.Equal(new JobsCommand("download", "j2", OutputPath: "o.csv"), download);
    }

    [Theory]
    [InlineData(new[] { "jobs", "list" }, "jobs commands talk to a running server: add --server <url>")]
    [InlineData(new[] { "--server", "ftp://x", "jobs", "list" }, "--server must be the API's http or https address")]
    [InlineData(new[] { "--server", "http://api", "jobs", "status" }, "jobs status needs the job's id.")]
    [InlineData(new[] { "--server", "http://api", "jobs", "list", "j1" }, "jobs list takes no job id.")]
    [InlineData(new[] { "--server", "http://api", "jobs", "explode", "j1" }, "jobs needs one of: list, status, cancel, retry, resume, download.")]
    [InlineData(new[] { "--server", "http://api", "jobs", "list", "--limit", "500" }, "--limit must be a whole number from 1 to 100")]
    [InlineData(new[] { "--server", "http://api", "leads.csv", "--limit", "0" }, "--limit must be a whole number")]
    [InlineData(new[] { "--server", "http://api", "--api-key" }, "--api-key is missing its value.")]
    [InlineData(new[] { "--server", "http://api", "jobs", "cancel", "j1", "--transient" }, "--transient does not apply to jobs cancel.")]
    [InlineData(new[] { "--server", "http://api", "jobs", "status", "j1", "--output", "o.csv" }, "--output does not apply to jobs status.")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string expected)
    {
        var (command, error) = RemoteCommandLine.Parse(args, NoEnvironment);

        Assert.Null(command);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void OnlyAServerOrAJobsVerbLeavesTheEmbeddedMode()
    {
        Assert.True(RemoteCommandLine.Applies(["leads.csv", "--server", "http://api"]));
        Assert.True(RemoteCommandLine.Applies(["jobs", "list"]));
        Assert.False(RemoteCommandLine.Applies(["leads.csv", "--limit", "5"]));
        Assert.False(RemoteCommandLine.Applies(["jobs.csv"]));
    }
}
