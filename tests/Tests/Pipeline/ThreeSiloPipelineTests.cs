using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

[Collection(ThreeSiloCollection.Name)]
public sealed class ThreeSiloPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly ThreeSiloCluster _cluster;

    public ThreeSiloPipelineTests(ThreeSiloCluster cluster)
    {
        _cluster = cluster;
        cluster.Emulator.Reset();
        cluster.Emulator.Search.Latency = TimeSpan.FromMilliseconds(5);
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task OutputKeepsInputOrderWhenRowsFinishOutOfOrder()
    {
        // Random per-call delays make rows finish in a different order than they were read.
        _cluster.Emulator.Search.LatencyJitter = TimeSpan.FromMilliseconds(50);
        _cluster.Emulator.Llm.LatencyJitter = TimeSpan.FromMilliseconds(200);

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(60), Deadline);

        output.AssertAllOk();
        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(60, progress.SucceededRows);
        Assert.Equal(60, output.Rows.Count);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal($"Lead{i}", output.Cell(i, "first_name"));
            Assert.Equal($"Company{i}", output.Cell(i, "company"));
            Assert.Equal("ok", output.Cell(i, "personalization_status"));
            Assert.Contains($"Lead{i}", output.Cell(i, "personalized_line"));
            Assert.Equal(string.Empty, output.Cell(i, "personalization_error"));
        }
    }

    [Fact]
    public async Task RowsAreSharedEvenlyAcrossAllSilos()
    {
        var before = _cluster.Limiters.Select(limiter => limiter.RowsStarted).ToArray();

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(90), Deadline);

        output.AssertAllOk();
        var perSilo = _cluster.Limiters.Select((limiter, i) => limiter.RowsStarted - before[i]).ToArray();
        Assert.Equal(JobStatus.Completed, progress.Status);
        // Shared exactly: a silo with a few rows more than the others would run them after the others had finished.
        Assert.All(perSilo, rows => Assert.True(rows == 30, $"Rows per silo: {string.Join(", ", perSilo)}"));
    }

    [Fact]
    public async Task PerSiloLimitIsNeverExceeded()
    {
        // Rows spend nearly all their time in the LLM call, so a silo at its limit has that many calls open at once.
        _cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(300);

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(120), Deadline);

        // Seen from outside, at the provider: calls in flight per calling silo, named by the clients' silo header.
        var peaks = _cluster.Emulator.Silos.MaxInFlight;
        output.AssertAllOk();
        Assert.Equal(120, progress.SucceededRows);
        Assert.Equal(_cluster.SiloNames.Order(), peaks.Keys.Order());
        Assert.All(peaks, peak => Assert.InRange(peak.Value, 1, ThreeSiloCluster.RowsPerSilo));
        // The limit was reached, so a silo running one row too many would have shown here.
        Assert.Contains(ThreeSiloCluster.RowsPerSilo, peaks.Values);
        Assert.InRange(_cluster.Emulator.Llm.MaxInFlight, 2, 3 * ThreeSiloCluster.RowsPerSilo);
    }

    [Fact]
    public async Task AFailingRowDoesNotFailItsNeighbours()
    {
        // Every LLM call for Company7 answers 500, through all retries.
        _cluster.Emulator.Llm.FaultWhen(body => body.Contains("Company7", StringComparison.Ordinal) ? Fault.Status(500) : null);

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(20), Deadline);

        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(19, progress.SucceededRows);
        Assert.Equal(1, progress.FailedRows);
        Assert.Equal("failed", output.Cell(7, "personalization_status"));
        Assert.Contains("500", output.Cell(7, "personalization_error"));
        Assert.Equal(string.Empty, output.Cell(7, "personalized_line"));
        Assert.All(Enumerable.Range(0, 20).Where(i => i != 7), i => Assert.Equal("ok", output.Cell(i, "personalization_status")));
    }

    [Fact]
    public async Task ARowOutlivesTheOrleansResponseTimeout()
    {
        _cluster.Emulator.Llm.Latency = ClusterFixture.ResponseTimeout + TimeSpan.FromSeconds(1.5);

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(3), Deadline);

        output.AssertAllOk();
        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(3, progress.SucceededRows);
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("ok", output.Cell(i, "personalization_status")));
    }

    [Fact]
    public async Task RowsWithBadDataFailWithTheirReasonAndKeepTheirCells()
    {
        var csv = LeadFiles.Header + "\n" +
                  "Ada,Lovelace,CTO,Stripe,stripe.com\n" +
                  "Grace,Hopper,VP,,shopify.com\n" +
                  "Alan,Turing,CTO,Datadog,datadoghq.com,surplus value\n";

        var (progress, output) = await _cluster.RunAsync(csv, Deadline);

        Assert.Equal((1, 2), (progress.SucceededRows, progress.FailedRows));
        Assert.Equal("ok", output.Cell(0, "personalization_status"));
        Assert.Equal("failed", output.Cell(1, "personalization_status"));
        Assert.Contains("company", output.Cell(1, "personalization_error"));
        Assert.Contains("Line 3", output.Cell(1, "personalization_error"));
        Assert.Equal("failed", output.Cell(2, "personalization_status"));
        Assert.Contains("surplus value", output.Cell(2, "personalization_error"));
        Assert.Equal(["Grace", "Hopper", "VP", "", "shopify.com"], output.Rows[1].Take(5));
    }

    [Fact]
    public async Task LeadsAtTheSameCompanyShareResearchAndUsageIsSummed()
    {
        // A company no other test researches: the research cache is shared by the whole cluster and every job.
        var company = $"Acme{Guid.NewGuid():N}";
        var (progress, _) = await _cluster.RunAsync(LeadFiles.Csv(30, company: _ => company), Deadline);

        // One search for the cluster, not one per row (or per silo).
        Assert.Equal(30, progress.SucceededRows);
        Assert.Equal(1, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal((1, 29), (progress.Usage.SearchCalls, progress.Usage.CachedSearches));
        Assert.Equal(30, _cluster.Emulator.Llm.TotalRequests);
        Assert.True(progress.Usage.PromptTokens >= 30, $"prompt tokens: {progress.Usage.PromptTokens}");
        Assert.True(progress.Usage.CompletionTokens >= 30, $"completion tokens: {progress.Usage.CompletionTokens}");
    }

    [Fact]
    public async Task CancelStopsTheJobAndEveryRowStillAppearsInOrder()
    {
        _cluster.Emulator.Llm.Latency = TimeSpan.FromSeconds(1);
        var progress = await _cluster.Submitter.SubmitAsync(
            LeadFiles.Stream(LeadFiles.Csv(200)), new("leads.csv"), null, CancellationToken.None);
        var job = _cluster.Client.GetGrain<IJobGrain>(progress.JobId);
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.ProcessedRows >= 1, Deadline, "the first rows");

        var cancelled = await job.Cancel();
        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        var output = await _cluster.DownloadAsync(progress.JobId);

        Assert.Equal(200, output.Rows.Count);
        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
        var cancelledRows = Enumerable.Range(0, 200).Count(i => output.Cell(i, "personalization_error") == JobGrain.CancelledRowMessage);
        var okRows = Enumerable.Range(0, 200).Count(i => output.Cell(i, "personalization_status") == "ok");
        Assert.True(okRows >= 1, "rows finished before the cancel keep their lines");
        Assert.Equal(200, okRows + cancelledRows);
        Assert.True(_cluster.Emulator.Llm.TotalRequests < 100, $"LLM calls made: {_cluster.Emulator.Llm.TotalRequests}");
    }

    [Fact]
    public async Task RowsRunOnAFewRunnersPerSiloEachOnTheSiloItsKeyNames()
    {
        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(90), Deadline);

        output.AssertAllOk();
        Assert.Equal(90, progress.SucceededRows);
        // One runner per chunk and silo at most, never an activation per row.
        var runners = await ActivationsAsync(key => key.Contains('|', StringComparison.Ordinal));
        Assert.InRange(runners.Count, 3, 3 * RowRunnerKeys.RunnersPerSilo);
        Assert.All(runners, runner => Assert.Equal(RowRunnerKeys.SiloOf(runner.Key), runner.Silo));
        Assert.Equal(3, runners.Select(runner => runner.Silo).Distinct().Count());
    }

    [Fact]
    public async Task AStartThatCrossesItsRowsReportDoesNotRunTheRowAgain()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(1, _ => $"Crossing{tag}"), Deadline);
        output.AssertAllOk();
        var researched = Assert.Single(_cluster.Emulator.Search.Requests, request => request.Text.Contains(tag, StringComparison.Ordinal)).Text;
        var searchesBefore = _cluster.Emulator.Search.TotalRequests;
        var silos = _cluster.Cluster.Silos.Select(silo => silo.SiloAddress).ToList();
        var runner = _cluster.Client.GetGrain<IRowRunnerGrain>(RowRunnerKeys.For(RowRunners.TurnOrder(silos, progress.JobId)[0], 0));
        var chunkKey = ChunkKeys.Chunk(progress.JobId, 0);
        var callsBefore = _cluster.Emulator.Llm.TotalRequests;
        // The other row's company is not cached: its search takes seconds, so the late row, cached, would call first.
        _cluster.Emulator.Search.Latency = TimeSpan.FromSeconds(3);

        // Row 0 again, as a chunk's timer sends it when the row's report is still on its way; and a row it never had.
        await runner.Start(0, [Request(chunkKey, 0, researched), Request(chunkKey, 7, "Unseen Co unseen.example")]);

        await Eventually.TrueAsync(
            () => _cluster.Emulator.Llm.Requests.Any(request => request.Body.Contains("Unseen Co", StringComparison.Ordinal)), Deadline, "the new row's LLM call");
        Assert.Equal(callsBefore + 1, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(searchesBefore + 1, _cluster.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task AFinishedJobsChunksLeaveMemoryAndADownloadDoesNotBringThemBack()
    {
        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(60), Deadline);
        output.AssertAllOk();
        var chunkOfThisJob = (string key) => key.StartsWith(progress.JobId + "/", StringComparison.Ordinal);

        await Eventually.ReturnsAsync(() => ActivationsAsync(chunkOfThisJob), chunks => chunks.Count == 0, Deadline, "no chunk of the finished job active");
        var again = await _cluster.DownloadAsync(progress.JobId);

        Assert.Equal(output.Rows.Count, again.Rows.Count);
        Assert.All(Enumerable.Range(0, 60), i => Assert.Equal(output.Cell(i, "personalized_line"), again.Cell(i, "personalized_line")));
        await Eventually.ReturnsAsync(() => ActivationsAsync(chunkOfThisJob), chunks => chunks.Count == 0, Deadline, "no chunk active after the download");
    }

    /// <summary>The cluster's activations whose key matches, with the silo each is on.</summary>
    private static RowRequest Request(string chunkKey, long rowNumber, string query) =>
        new(chunkKey, rowNumber, query, "Write one opening line.", new Dictionary<string, string> { ["company"] = query }, "test-model");

    private async Task<IReadOnlyList<(string Key, SiloAddress Silo)>> ActivationsAsync(Func<string, bool> keyMatches)
    {
        var statistics = await _cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Select(statistic => (Key: statistic.GrainId.Key.ToString()!, Silo: statistic.SiloAddress))
            .Where(activation => keyMatches(activation.Key)).ToList();
    }
}
