using System.Diagnostics;
using System.Net;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// PostgreSQL (grain state and reminders) stopped in the middle of a job and started again: Redis membership keeps the
/// cluster together meanwhile, and the job still completes with every row exactly once; it never stays running with
/// every row done.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    /// <summary>How long a job with every row done may stay running: the reconciliation timer and reminder tick every few seconds.</summary>
    private static readonly TimeSpan CompletesWithin = TimeSpan.FromSeconds(60);

    private readonly EndToEndServers _servers;
    private readonly ITestOutputHelper _output;

    public PostgresOutageTests(EndToEndServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
        servers.Emulator.Reset();

        // About 0.4 s a row with 25 rows at once per silo: the job takes long enough for the outage to fall in its middle.
        servers.Emulator.Search.Latency = TimeSpan.FromMilliseconds(100);
        servers.Emulator.Search.LatencyJitter = TimeSpan.FromMilliseconds(50);
        servers.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(300);
        servers.Emulator.Llm.LatencyJitter = TimeSpan.FromMilliseconds(100);
    }

    [Fact]
    public async Task AJobCompletesEveryRowOnceWhenPostgresIsStoppedForFifteenSecondsInItsMiddle()
    {
        const int rows = 3000;
        await using var cluster = await RealCluster.StartAsync("pgstop", 2, _servers.Redis, _servers.Postgres, _servers.Emulator);
        var job = new JobClient(cluster.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows));
        var clock = Stopwatch.StartNew();

        var processed = await job.WaitForProcessedAsync(rows / 3, Deadline);
        var answeredBefore = _servers.Emulator.Llm.TotalRequests;
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL stopped at {processed} rows processed, {answeredBefore} LLM calls");
        await _servers.Postgres.StopAsync();
        var down = Stopwatch.StartNew();
        try
        {
            // The outage lasts its 15 s; the rows in flight meanwhile are still answered by the providers.
            await Eventually.TrueAsync(() => down.Elapsed >= Outage && _servers.Emulator.Llm.TotalRequests > answeredBefore,
                Outage + Deadline, "15 s of outage with rows still answered by the provider");
            var (status, body) = await AnswerAsync(cluster, job);
            _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {_servers.Emulator.Llm.TotalRequests - answeredBefore} LLM calls " +
                              $"while PostgreSQL was down for {down.Elapsed.TotalSeconds:0.0} s; GET /jobs/{{id}} answers {(int)status} {body}");

            // The job's state may be unreadable now: the API says the cluster is unavailable (retry), not that it broke.
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"GET /jobs/{{id}} answered {(int)status}: {body}");
            Assert.All(cluster.Silos, silo => Assert.True(silo.IsRunning, $"{silo.Name} exited while PostgreSQL was down\n{silo.Tail()}"));
        }
        finally
        {
            await _servers.Postgres.StartAsync();
        }

        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL started again");
        System.Text.Json.JsonElement final;
        try
        {
            var allDone = await Eventually.ReturnsAsync(job.ProgressAsync,
                p => p is { } j && j.GetProperty("processedRows").GetInt64() == rows, Deadline, $"all {rows} rows processed");
            _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every row done, job {allDone!.Value.GetProperty("status").GetString()}");
            final = await job.WaitForStatusAsync("completed", CompletesWithin);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.Logs()}", ex);
        }

        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: job completed");
        var output = await job.DownloadAsync();
        Assert.All(Enumerable.Range(0, Math.Min(rows, output.Rows.Count)), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
        EmulatedLines.AssertEveryRowHasItsOwnLine(output, rows);
        Assert.Equal(rows, final.GetProperty("succeededRows").GetInt64());
        Assert.Equal(rows, final.GetProperty("rowsBySilo").EnumerateObject().Sum(silo => silo.Value.GetInt64()));

        var seen = job.ProcessedSeen;
        var backwards = seen.Zip(seen.Skip(1)).Where(pair => pair.Second < pair.First).ToList();
        Assert.True(backwards.Count == 0, $"progress went backwards: {string.Join(", ", backwards)}");

        var repeated = _servers.Emulator.Llm.TotalRequests - rows;
        _output.WriteLine($"{rows} rows, {_servers.Emulator.Llm.TotalRequests} LLM calls ({repeated} repeated), {_servers.Emulator.Search.TotalRequests} searches");
        Console.WriteLine($"[end-to-end] {job.Id}: {repeated} provider calls repeated for {rows} rows");
    }

    private static async Task<(HttpStatusCode Status, string Body)> AnswerAsync(RealCluster cluster, JobClient job)
    {
        using var response = await cluster.Http.GetAsync($"/jobs/{job.Id}");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
