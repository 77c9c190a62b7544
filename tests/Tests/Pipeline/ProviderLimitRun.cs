using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Runs a job of distinct companies against a cluster whose emulator enforces a quota, and reports it.</summary>
public static class ProviderLimitRun
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    public static async Task<(JobProgress Progress, CsvOutput Output, QuotaReport Search, QuotaReport Llm)> RunAsync(
        ClusterFixture cluster, int rows, QuotaPolicy? search, QuotaPolicy? llm, ITestOutputHelper output)
    {
        cluster.Emulator.Reset();
        cluster.Emulator.Search.Latency = TimeSpan.FromMilliseconds(50);
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(100);
        cluster.Emulator.Search.Quota = search;
        cluster.Emulator.Llm.Quota = llm;

        // Companies nobody else researched: the research cache outlives jobs.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (progress, csv) = await cluster.RunAsync(LeadFiles.Csv(rows, i => $"Limit{tag}Co{i}"), Deadline);
        var searchReport = QuotaReport.Of(cluster.Emulator.Search);
        var llmReport = QuotaReport.Of(cluster.Emulator.Llm);
        output.WriteLine($"{rows} rows on {cluster.Cluster.Silos.Count} silo(s): {progress.SucceededRows} ok, {progress.FailedRows} failed");
        output.WriteLine($"search: {searchReport}");
        output.WriteLine($"llm:    {llmReport}");
        return (progress, csv, searchReport, llmReport);
    }
}
