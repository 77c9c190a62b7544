using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// What a user sees on a real cluster told its providers' limits: three silo processes hold them together, measured
/// at the provider (the emulator's quota); and running the same file again makes no search at all.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProviderLimitEndToEndTests(EndToEndServers servers, ITestOutputHelper output)
{
    private const int Rows = 600;
    private const int RequestsPerMinute = 1_200;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ThreeSiloProcessesHoldTheLimitsAndASecondRunOfTheFileMakesNoSearch()
    {
        servers.Emulator.Reset();
        servers.Emulator.Search.Latency = TimeSpan.FromMilliseconds(150);
        servers.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(300);
        var quota = new QuotaPolicy { RequestsPerWindow = RequestsPerMinute / 2, Window = Window };
        servers.Emulator.Search.Quota = quota;
        servers.Emulator.Llm.Quota = quota;
        var limits = new Dictionary<string, string>
        {
            ["Research__RequestsPerMinute"] = RequestsPerMinute.ToString(),
            ["Llm__RequestsPerMinute"] = RequestsPerMinute.ToString(),
            ["Processing__MaxConcurrentRowsPerSilo"] = "100",
        };
        await using var cluster = await RealCluster.StartAsync("limits", 3, servers.Redis, servers.Postgres, servers.Emulator, limits);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = LeadFiles.Csv(Rows, i => $"E2e{tag}Co{i}");

        var first = new JobClient(cluster.Http);
        await first.SubmitAsync(csv);
        var done = await first.WaitForStatusAsync("completed", Deadline);
        (await first.DownloadAsync()).AssertAllOk();
        var search = QuotaReport.Of(servers.Emulator.Search);
        var llm = QuotaReport.Of(servers.Emulator.Llm);
        output.WriteLine($"first run: search {search}; llm {llm}");
        Assert.Equal(Rows, done.GetProperty("succeededRows").GetInt64());
        Assert.True(done.GetProperty("rowsBySilo").EnumerateObject().Count() >= 2);
        Assert.InRange(search.RateLimitedShare, 0, 0.02);
        Assert.InRange(llm.RateLimitedShare, 0, 0.02);
        Assert.InRange(search.HeldRequestShare!.Value, 0.90, 1.0);
        Assert.InRange(llm.HeldRequestShare!.Value, 0.90, 1.0);
        // Every row's research is accounted once. A row that its chunk asked again while its search was running is
        // charged by its last attempt, which finds the search done and counts it as cached: a few at most.
        var usage = done.GetProperty("usage");
        Assert.Equal(Rows, usage.GetProperty("searchCalls").GetInt64() + usage.GetProperty("cachedSearches").GetInt64());
        Assert.InRange(usage.GetProperty("searchCalls").GetInt64(), Rows - 5, Rows);

        servers.Emulator.ResetCounters();
        var second = new JobClient(cluster.Http);
        await second.SubmitAsync(csv);
        var again = await second.WaitForStatusAsync("completed", Deadline);
        (await second.DownloadAsync()).AssertAllOk();
        output.WriteLine($"second run: {servers.Emulator.Search.TotalRequests} searches, {servers.Emulator.Llm.TotalRequests} LLM requests");
        Assert.Equal(0, servers.Emulator.Search.TotalRequests);
        Assert.Equal(0, again.GetProperty("usage").GetProperty("searchCalls").GetInt64());
        Assert.Equal(Rows, again.GetProperty("usage").GetProperty("cachedSearches").GetInt64());
        // Provider calls are at-least-once (a row restarted by its chunk may call again); a few repeats at most.
        Assert.InRange(servers.Emulator.Llm.TotalRequests, Rows, Rows + 5);
    }
}
