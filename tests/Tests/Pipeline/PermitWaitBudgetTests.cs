using PersonalizedLine.Grains.Interfaces.Jobs;
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
        var submitted = await silo.Submitter.SubmitAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv"), null, CancellationToken.None);

        // While it runs, its progress says rows are queued behind the LLM limit.
        var running = await Eventually.ReturnsAsync(
            () => silo.Client.GetGrain<IJobGrain>(submitted.JobId).GetProgress(),
            p => p?.ProviderLimits?.Any(l => l.Key.StartsWith("llm ", StringComparison.Ordinal) && l.WaitingRequests >= 5) == true,
            TimeSpan.FromSeconds(60),
            "progress to show rows queued for LLM permits");
        Assert.Equal(JobStatus.Running, running!.Status);
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
