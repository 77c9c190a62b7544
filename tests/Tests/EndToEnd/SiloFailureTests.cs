using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// The product's promise under failure, on real processes: a silo may die at any moment and the job still
/// completes with every row exactly once, in order. Provider calls may repeat (at-least-once); the test reports how many.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class SiloFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly EndToEndServers _servers;
    private readonly ITestOutputHelper _output;

    public SiloFailureTests(EndToEndServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
        servers.Emulator.Reset();
        servers.Emulator.Search.Latency = TimeSpan.FromMilliseconds(100);
        servers.Emulator.Search.LatencyJitter = TimeSpan.FromMilliseconds(100);
        servers.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(250);
        servers.Emulator.Llm.LatencyJitter = TimeSpan.FromMilliseconds(150);
    }

    [Fact]
    public async Task AJobCompletesEveryRowOnceInOrderWhileASiloIsKilledThreeTimes()
    {
        const int rows = 3000;
        await using var cluster = await RealCluster.StartAsync("kill", 3, _servers.Redis, _servers.Postgres, _servers.Emulator);
        var job = new JobClient(cluster.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows));

        for (var round = 0; round < 3; round++)
        {
            var processed = await job.WaitForProcessedAsync(rows * (round + 1) / 5, Deadline);
            var victim = round % cluster.Silos.Count;
            _output.WriteLine($"kill -9 {cluster.Silos[victim].Name} at {processed} rows processed");
            await cluster.Silos[victim].KillAsync();
            await cluster.RestartSiloAsync(victim);
        }

        await AssertCompletedAsync(job, cluster, rows);
    }

    [Fact]
    public async Task AJobResumesFromPersistedProgressAfterEverySiloIsStoppedAndStarted()
    {
        const int rows = 2000;
        // Which leads the LLM was asked about before the silos stopped, and after they started again.
        var askedBefore = new ConcurrentDictionary<string, byte>();
        var askedAfter = new ConcurrentDictionary<string, byte>();
        var restarted = 0;
        void Record(RecordedRequest request)
        {
            var asked = Volatile.Read(ref restarted) == 0 ? askedBefore : askedAfter;
            foreach (Match lead in LeadName().Matches(request.Text))
            {
                asked.TryAdd(lead.Value, 0);
            }
        }

        _servers.Emulator.Llm.RequestReceived += Record;
        try
        {
            await using var cluster = await RealCluster.StartAsync("restart", 2, _servers.Redis, _servers.Postgres, _servers.Emulator);
            var job = new JobClient(cluster.Http);
            await job.SubmitAsync(LeadFiles.Csv(rows));
            var before = await job.WaitForProcessedAsync(rows / 4, Deadline);

            await Task.WhenAll(cluster.Silos.Select(silo => silo.StopAsync(TimeSpan.FromSeconds(60))));
            var callsWhileStopped = _servers.Emulator.Llm.TotalRequests;
            Volatile.Write(ref restarted, 1);
            _output.WriteLine($"all silos stopped (SIGTERM) at {before}+ rows processed, {askedBefore.Count} leads asked about");
            for (var i = 0; i < cluster.Silos.Count; i++)
            {
                await cluster.RestartSiloAsync(i);
            }

            // Nobody calls the API until the work has resumed: only the job's durable reminder can have restarted it.
            await Eventually.TrueAsync(() => _servers.Emulator.Llm.TotalRequests > callsWhileStopped, Deadline,
                "provider calls to resume after the restart, with no API call");
            var resumedAt = await job.WaitForProcessedAsync(0, Deadline);
            Assert.True(resumedAt >= before, $"progress went back from {before} to {resumedAt} across the restart");
            await AssertCompletedAsync(job, cluster, rows);

            // The work after the restart was the rows not yet asked about, every one of them; rows asked about before
            // the stop may be asked again (at-least-once), and are reported.
            var notAskedBefore = Enumerable.Range(0, rows).Select(i => $"Lead{i}").Where(lead => !askedBefore.ContainsKey(lead)).ToList();
            Assert.True(askedBefore.Count < rows, "every row was asked about before the stop: the restart resumed nothing");
            Assert.All(notAskedBefore, lead => Assert.True(askedAfter.ContainsKey(lead), $"{lead} was never asked about"));
            _output.WriteLine($"after the restart: {notAskedBefore.Count} new leads, {askedAfter.Keys.Count(askedBefore.ContainsKey)} asked again");
        }
        finally
        {
            _servers.Emulator.Llm.RequestReceived -= Record;
        }
    }

    [Fact]
    public async Task ASiloAddedToARunningClusterTakesRows()
    {
        const int rows = 1500;
        await using var cluster = await RealCluster.StartAsync("scale", 1, _servers.Redis, _servers.Postgres, _servers.Emulator);
        var job = new JobClient(cluster.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows));
        await job.WaitForProcessedAsync(rows / 10, Deadline);

        var added = await cluster.AddSiloAsync();

        var bySilo = await AssertCompletedAsync(job, cluster, rows);
        Assert.True(bySilo.GetValueOrDefault(added.Name) > 0, $"the new silo took no rows: {string.Join(", ", bySilo)}");
    }

    private async Task<Dictionary<string, long>> AssertCompletedAsync(JobClient job, RealCluster cluster, int rows)
    {
        System.Text.Json.JsonElement final;
        try
        {
            final = await job.WaitForStatusAsync("completed", Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.Logs()}", ex);
        }

        var output = await job.DownloadAsync();
        Assert.Equal(rows, output.Rows.Count);
        Assert.All(Enumerable.Range(0, rows), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
        output.AssertAllOk();
        Assert.Equal(rows, final.GetProperty("succeededRows").GetInt64());

        var seen = job.ProcessedSeen;
        var backwards = seen.Zip(seen.Skip(1)).Where(pair => pair.Second < pair.First).ToList();
        Assert.True(backwards.Count == 0, $"progress went backwards: {string.Join(", ", backwards)}");

        var bySilo = final.GetProperty("rowsBySilo").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.True(bySilo.Count >= 2, $"rows by silo: {string.Join(", ", bySilo)}");
        Assert.Equal(rows, bySilo.Values.Sum());

        var repeated = _servers.Emulator.Llm.TotalRequests - rows;
        _output.WriteLine($"{rows} rows, {_servers.Emulator.Llm.TotalRequests} LLM calls ({repeated} repeated), " +
                          $"{_servers.Emulator.Search.TotalRequests} searches; rows by silo: {string.Join(", ", bySilo.Select(p => $"{p.Key}={p.Value}"))}");
        Console.WriteLine($"[end-to-end] {job.Id}: {repeated} provider calls repeated for {rows} rows");
        return bySilo;
    }

    /// <summary>The lead names of <see cref="LeadFiles.Csv"/> in an LLM request's user message.</summary>
    [GeneratedRegex(@"\bLead\d+\b")]
    private static partial Regex LeadName();
}
