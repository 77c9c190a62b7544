using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// A silo joins while rows are in their LLM calls: the rows' chunks keep starting their pending rows every second, and
/// every row stays with the silo it was sent to instead of moving to the one its turn names in the bigger cluster.
/// </summary>
public sealed class SiloJoiningTests(SiloJoiningCluster cluster) : IClassFixture<SiloJoiningCluster>
{
    private const int Rows = 12;
    private static readonly TimeSpan LlmLatency = TimeSpan.FromSeconds(14);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_silo_joining_mid_job_runs_no_row_a_second_time()
    {
        cluster.Emulator.Llm.Latency = LlmLatency;
        var progress = await cluster.Submitter.SubmitAsync(LeadFiles.Stream(LeadFiles.Csv(Rows)), new JobRequest("leads.csv"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => cluster.Emulator.Llm.InFlight == Rows, Deadline, "every row to be in its LLM call");
        var callsStarted = Stopwatch.StartNew();

        await cluster.Cluster.StartAdditionalSiloAsync();
        await Eventually.TrueAsync(
            () => cluster.Cluster.Silos.All(silo => ActiveSilos(silo) == 3),
            Deadline,
            "every silo to see the new one as active");

        // The chunks start their pending rows again every second: several times before the calls can answer.
        Assert.True(LlmLatency - callsStarted.Elapsed > TimeSpan.FromSeconds(5), $"the silo took {callsStarted.Elapsed} to join");
        Assert.Equal(Rows, cluster.Emulator.Llm.InFlight);
        var finished = await cluster.WaitUntilFinishedAsync(progress.JobId, Deadline);
        var output = await cluster.DownloadAsync(progress.JobId);

        Assert.Equal(JobStatus.Completed, finished.Status);
        output.AssertAllOk();
        Assert.Equal(Rows, output.Rows.Count);
        // Counted at the provider: one call per row, none from the silo that joined.
        Assert.Equal(Rows, cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(Rows, cluster.Emulator.Search.TotalRequests);
        Assert.Equal(0, cluster.Limiters[^1].RowsStarted);
    }

    private static int ActiveSilos(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
}
