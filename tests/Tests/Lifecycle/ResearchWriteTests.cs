using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// A search's result reaches the rows waiting for it at once, while it is written to storage: a slow database does not
/// stand between a row's search and its LLM call.
/// </summary>
public sealed class ResearchWriteTests(SlowResearchStorageCluster cluster) : IClassFixture<SlowResearchStorageCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Half the time a lookup waits on its search before asking again (a third of the 30 s response timeout).</summary>
    private static readonly TimeSpan WellUnderTheLookupWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Rows_do_not_wait_for_their_research_to_be_written_and_a_company_asked_again_meanwhile_is_not_searched_again()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        IJobGrain job;
        using (cluster.StorageFaults.HoldWrites(call => call.StateName == "research"))
        {
            // Ten companies, three leads each: each is searched once, and none of the results is written meanwhile.
            job = await SubmitAsync(LeadFiles.Csv(30, i => $"Unwritten{tag}Co{i % 10}"));
            var done = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);

            Assert.Equal(JobStatus.Completed, done.Status);
            Assert.Equal(30, done.SucceededRows);
            Assert.Equal(20, done.Usage.CachedSearches);
            Assert.Equal(10, Searches(tag).Count);
            Assert.True(cluster.StorageFaults.WritesHeld >= 10, $"only {cluster.StorageFaults.WritesHeld} research writes were waiting");

            // Seen at the provider: each company's first LLM call came right after its search, not after a lookup gave up waiting.
            foreach (var search in Searches(tag))
            {
                var company = search.Text[..search.Text.IndexOf(' ', StringComparison.Ordinal)];
                var firstLine = cluster.Emulator.Llm.Requests.Where(request => request.Body.Contains(company, StringComparison.Ordinal)).Min(request => request.ReceivedAt);
                Assert.True(firstLine - search.ReceivedAt < WellUnderTheLookupWait, $"{company}: its LLM call came {firstLine - search.ReceivedAt} after its search");
            }
        }

        await Eventually.TrueAsync(() => cluster.StorageFaults.WritesHeld == 0, Deadline, "the held research writes to go through");
        var again = await SubmitAsync(LeadFiles.Csv(10, i => $"Unwritten{tag}Co{i}"));
        var second = await cluster.WaitUntilFinishedAsync(again.GetPrimaryKeyString(), Deadline);

        Assert.Equal(10, second.SucceededRows);
        Assert.Equal(10, second.Usage.CachedSearches);
        Assert.Equal(10, Searches(tag).Count);
        Assert.Equal(0, cluster.StorageFaults.WritesFailed);
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 30);
    }

    private async Task<IJobGrain> SubmitAsync(string csv)
    {
        var progress = await cluster.Submitter.SubmitAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv"), null, CancellationToken.None);
        return cluster.Client.GetGrain<IJobGrain>(progress.JobId);
    }

    private List<ProviderEmulator.RecordedRequest> Searches(string marker) =>
        [.. cluster.Emulator.Search.Requests.Where(request => request.Text.Contains(marker, StringComparison.Ordinal))];
}
