namespace PersonalizedLine.Tests.Cli;

/// <summary>The client mode's API key: sent as a bearer token, and a 401 explained.</summary>
public sealed class ApiKeyCliTests
{
    [Fact]
    public async Task WithoutAKeyA401SaysHowToGiveOne()
    {
        await using var server = await KeyDemandingServer.StartAsync();

        var (exitCode, printed) = await CliProcess.RunAsync(["--server", server.Url, "jobs", "list"]);

        Assert.Equal(4, exitCode);
        Assert.Contains("the server needs an API key: --api-key or PERSONALIZEDLINE_API_KEY", printed);
        Assert.DoesNotContain("was refused", printed);
        Assert.Equal([""], server.Authorizations);
    }

    [Fact]
    public async Task TheKeyFromTheEnvironmentOrTheOptionIsSentAsABearerToken()
    {
        await using var server = await KeyDemandingServer.StartAsync();

        var fromEnvironment = await CliProcess.RunAsync(["--server", server.Url, "jobs", "status", "j1"],
            new Dictionary<string, string> { ["PERSONALIZEDLINE_API_KEY"] = "pl_from_env" });
        var fromOption = await CliProcess.RunAsync(["--server", server.Url, "--api-key", "pl_from_option", "jobs", "cancel", "j1"],
            new Dictionary<string, string> { ["PERSONALIZEDLINE_API_KEY"] = "pl_from_env" });

        Assert.Equal(4, fromEnvironment.ExitCode);
        Assert.Contains("the server needs an API key: --api-key or PERSONALIZEDLINE_API_KEY (the key given was refused)", fromEnvironment.Output);
        Assert.Equal(4, fromOption.ExitCode);
        Assert.Equal(["Bearer pl_from_env", "Bearer pl_from_option"], server.Authorizations);
    }
}
