using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// Waiting for a rate-limit permit does not spend a row's budget: behind a limit of one LLM request a second, rows
/// wait up to half a minute with a 3 s budget, and every one of them succeeds, paced as configured.
/// </summary>
[Collection(PacedLlmCollection.Name)]
public sealed class PermitWaitBudgetTests(PacedLlmSilo silo, ITestOutputHelper output)
{
    private const int Rows = 25;

    [Fact]
    public async Task RowsThatWaitLongerThanTheirBudgetForAPermitStillSucceedAndArePaced()
    {
        silo.Emulator.Reset();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = LeadFiles.Csv(Rows, i => $"Paced{tag}Co{i}");
        var limiters = silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<ProviderLimiters>();

        var submitted = await silo.Submitter.SubmitAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv"), null, CancellationToken.None);

        // While it runs, rows queue at the silo for LLM permits and the job is visibly unfinished.
        await Eventually.TrueAsync(() => limiters.Waiting >= 5, TimeSpan.FromSeconds(60), "rows to queue for LLM permits");
        var running = await silo.Client.GetGrain<IJobGrain>(submitted.JobId).GetProgress();
        Assert.NotNull(running);
        Assert.Equal(JobStatus.Running, running.Status);
        Assert.True(running.ProcessedRows < Rows, $"{running.ProcessedRows} rows processed while others waited");

        var progress = await silo.WaitUntilFinishedAsync(submitted.JobId, TimeSpan.FromMinutes(3));
        var result = await silo.DownloadAsync(submitted.JobId);

        result.AssertAllOk();
        Assert.Equal(Rows, progress.SucceededRows);
        Assert.Equal(0, progress.FailedRows);

        var llm = silo.Emulator.Llm;
        var log = llm.AdmittedLog;
        var busy = log[^1].SinceStart - log[0].SinceStart;
        var inTenSeconds = llm.MaxAdmittedInAnyWindow(TimeSpan.FromSeconds(10)).Requests;
        output.WriteLine($"{log.Count} LLM requests over {busy.TotalSeconds:0.0} s, at most {inTenSeconds} in any 10 s");
        Assert.Equal(Rows, log.Count);
        Assert.Equal(Rows, llm.TotalRequests);
        // One a second less a margin: about ten in any 10 s, plus the one-request burst; never the whole job at once.
        Assert.InRange(inTenSeconds, 1, 12);
        // So the last rows waited several times their 3 s budget.
        Assert.True(busy >= TimeSpan.FromSeconds(15), $"the LLM requests spanned only {busy}");
    }
}
