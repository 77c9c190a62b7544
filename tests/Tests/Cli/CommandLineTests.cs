using System.Diagnostics;
using PersonalizedLine.Cli;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void TheOutputDefaultsToTheInputNameWithAPersonalizedSuffix()
    {
        var (options, error) = CommandLineOptions.Parse(["samples/leads.csv"]);

        Assert.Null(error);
        Assert.Equal(Path.Combine("samples", "leads.personalized.csv"), options!.OutputPath);
    }

    [Fact]
    public void OptionsOverrideTemplatesAndModel()
    {
        var (options, _) = CommandLineOptions.Parse(["in.csv", "--output", "out.csv", "--prompt", "Hi {first_name}", "--research-query", "{company}", "--model", "m"]);

        Assert.Equal(new CommandLineOptions("in.csv", "out.csv", "Hi {first_name}", "{company}", "m"), options);
    }

    [Fact]
    public void RefreshResearchIsAFlagAndOffByDefault()
    {
        var (plain, _) = CommandLineOptions.Parse(["in.csv"]);
        var (refreshing, error) = CommandLineOptions.Parse(["in.csv", "--refresh-research", "--model", "m"]);

        Assert.Null(error);
        Assert.False(plain!.RefreshResearch);
        Assert.True(refreshing!.RefreshResearch);
        Assert.Equal("m", refreshing.Model);
    }

    [Theory]
    [InlineData(new string[0], "Name the CSV")]
    [InlineData(new[] { "a.csv", "b.csv" }, "Unexpected argument 'b.csv'")]
    [InlineData(new[] { "a.csv", "--model" }, "missing its value")]
    [InlineData(new[] { "a.csv", "--colour" }, "Unexpected argument '--colour'")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string expected)
    {
        var (options, error) = CommandLineOptions.Parse(args);

        Assert.Null(options);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task TheMainJobProcessesTheSampleOfflineAndSaysSoLoudly()
    {
        var output = Path.Combine(Path.GetTempPath(), $"leads-{Guid.NewGuid():N}.csv");
        var cli = Path.Combine(AppContext.BaseDirectory, "personalizedline.dll");
        var start = new ProcessStartInfo("dotnet", [cli, RepositoryFiles.PathOf("samples/leads.csv"), "--output", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "SERPER_API_KEY", "GROQ_API_KEY", "Research__ApiKey", "Llm__ApiKey" })
        {
            start.Environment.Remove(key);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(deadline.Token);
            var printed = await stdout + await stderr;

            Assert.True(process.ExitCode == 0, printed);
            Assert.Contains("40 rows, 39 ok, 1 failed", printed);
            Assert.Contains("OFFLINE", printed);
            await using var file = File.OpenRead(output);
            var csv = await CsvOutput.ParseAsync(file);
            Assert.Equal(40, csv.Rows.Count);
            Assert.StartsWith("(offline demo) Hi Ada", csv.Cell(0, "personalized_line"));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
