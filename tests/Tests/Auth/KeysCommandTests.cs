using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

/// <summary>The real command line's <c>keys</c> verbs, writing the key file the API under test reads.</summary>
[Collection(AuthApiCollection.Name)]
public sealed class KeysCommandTests(AuthApiFixture api)
{
    [Fact]
    public async Task AKeyCreatedWithTheCliWorksAgainstTheApiUntilItIsRevoked()
    {
        var (created, createdOutput) = await RunKeysAsync("create", "--tenant", "cli-tenant", "--name", "from the cli");
        Assert.True(created == 0, createdOutput);
        var key = createdOutput.Split('\n').Select(line => line.Trim()).Single(line => line.StartsWith("pl_", StringComparison.Ordinal));
        var id = key.Split('_')[1];
        Assert.Contains($"Created key {id} for tenant cli-tenant", createdOutput);

        using (var client = api.Client(key))
        {
            using var jobs = await client.GetAsync("/jobs");
            Assert.Equal(HttpStatusCode.OK, jobs.StatusCode);
        }

        var (listed, listOutput) = await RunKeysAsync("list");
        Assert.True(listed == 0, listOutput);
        var row = listOutput.Split('\n').Single(line => line.Contains(id));
        Assert.Contains("cli-tenant", row);
        Assert.Contains("from the cli", row);
        Assert.DoesNotContain(key, listOutput);
        Assert.DoesNotContain(key.Split('_', 3)[2], listOutput);

        var (revoked, revokeOutput) = await RunKeysAsync("revoke", id);
        Assert.True(revoked == 0, revokeOutput);

        using (var client = api.Client(key))
        {
            using var jobs = await client.GetAsync("/jobs");
            Assert.Equal(HttpStatusCode.Unauthorized, jobs.StatusCode);
        }

        var (_, afterOutput) = await RunKeysAsync("list");
        // Created and revoked: two times on the key's row now.
        Assert.Equal(2, Regex.Matches(afterOutput.Split('\n').Single(line => line.Contains(id)), @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ").Count);
        Assert.Single(Regex.Matches(row, @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ"));
    }

    [Fact]
    public async Task BadUseSaysWhatToDoAndFails()
    {
        var (noTenant, noTenantOutput) = await RunKeysAsync("create");
        var (badTenant, badTenantOutput) = await RunKeysAsync("create", "--tenant", "Not Valid");
        var (unknown, unknownOutput) = await RunKeysAsync("revoke", "000000000000");

        Assert.Equal(1, noTenant);
        Assert.Contains("keys create needs --tenant <name>", noTenantOutput);
        Assert.Equal(1, badTenant);
        Assert.Contains("lower-case letters, digits and '-'", badTenantOutput);
        Assert.Equal(1, unknown);
        Assert.Contains("No key has id '000000000000'", unknownOutput);
    }

    private async Task<(int ExitCode, string Output)> RunKeysAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "personalizedline.dll"), "keys", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = api.Directory,
        };
        start.Environment["Auth__KeyFile"] = api.KeyFile;
        start.Environment.Remove("ConnectionStrings__Postgres");
        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
