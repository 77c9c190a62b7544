using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// An upload is a numbered series of row batches: a batch sent again is stored once, a gap or a wrong total is refused,
/// a chunk never silently keeps other rows, and an upload nobody finishes fails the job and deletes its rows.
/// </summary>
[Collection(LifecycleCollection.Name)]
public sealed class UploadTests(LifecycleCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_batch_sent_again_is_stored_once_and_every_row_comes_back_once_in_order()
    {
        var (job, rows) = await CreateAsync(50);

        await job.AppendRows(0, rows[..25]);
        await job.AppendRows(0, rows[..25]); // its answer was lost: the caller sends it again
        await job.AppendRows(1, rows[25..]);
        await job.AppendRows(1, rows[25..]);
        var sealedProgress = await job.Seal(50);
        var again = await job.Seal(50);

        Assert.Equal(50, sealedProgress.TotalRows);
        Assert.Equal(JobStatus.Running, again.Status);
        var progress = await cluster.WaitUntilFinishedAsync(sealedProgress.JobId, Deadline);
        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(50, progress.SucceededRows);
        var output = await cluster.DownloadAsync(sealedProgress.JobId);
        Assert.Equal(50, output.Rows.Count);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(EmulatedLines.For($"Lead{i}", output.Cell(i, "company")), output.Cell(i, "personalized_line"));
        }
    }

    [Fact]
    public async Task A_missing_batch_or_a_wrong_total_is_refused_with_a_reason()
    {
        var (job, rows) = await CreateAsync(20);
        await job.AppendRows(0, rows[..10]);

        var gap = await Assert.ThrowsAsync<JobConflictException>(() => job.AppendRows(2, rows[10..]));
        Assert.Contains("expected row batch 1", gap.Message);
        Assert.Contains("rows are missing", gap.Message);

        var shortTotal = await Assert.ThrowsAsync<JobConflictException>(() => job.Seal(20));
        Assert.Contains("stored 10 rows but the upload sent 20", shortTotal.Message);
        Assert.Equal(JobStatus.Queued, (await job.GetProgress())!.Status);
    }

    [Fact]
    public async Task A_chunk_accepts_the_same_rows_twice_and_refuses_different_ones()
    {
        var (_, rows) = await CreateAsync(5);
        var jobId = Guid.NewGuid().ToString("N");
        var chunk = cluster.Client.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, 0));
        var input = new ChunkInput(jobId, 0, 0, Spec(), rows);

        await chunk.Initialize(input);
        await chunk.Initialize(input with { Rows = rows.ToArray() });
        var other = rows.ToArray();
        other[3] = other[3] with { Cells = ["Someone", "Else", "CEO", "Other Co", "other.example"] };
        var conflict = await Assert.ThrowsAsync<ChunkConflictException>(() => chunk.Initialize(input with { Rows = other }));

        Assert.Contains("already holds rows 0..4", conflict.Message);
        var output = await chunk.GetOutput();
        Assert.Equal("Company3", output.Rows[3].Cells[3]);
        await chunk.Delete();
    }

    [Fact]
    public async Task An_upload_that_stalls_fails_the_job_by_its_reminder_and_deletes_the_rows_it_got()
    {
        var (job, rows) = await CreateAsync(30);
        await job.AppendRows(0, rows[..20]);
        var jobId = job.GetPrimaryKeyString();

        // Nobody calls the job again: only its reminder can notice.
        var failed = await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.Status == JobStatus.Failed, Deadline,
            "the stalled upload to fail the job");

        Assert.Contains("The upload was interrupted", failed!.Error);
        Assert.Contains("after 20 rows", failed.Error);
        Assert.Equal(0, failed.TotalRows);
        Assert.Empty((await cluster.Client.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, 0)).GetOutput()).Rows);
        Assert.Empty((await cluster.Client.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, 1)).GetOutput()).Rows);
        var late = await Assert.ThrowsAsync<JobConflictException>(() => job.AppendRows(1, rows[20..]));
        Assert.Equal(JobStatus.Failed, late.Status);
        Assert.Contains("Upload the file again", late.Message);
    }

    [Fact]
    public async Task Cancelling_during_the_upload_deletes_what_arrived_and_refuses_the_rest()
    {
        var (job, rows) = await CreateAsync(30);
        await job.AppendRows(0, rows[..20]);
        var jobId = job.GetPrimaryKeyString();

        var cancelled = await job.Cancel();

        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        Assert.Contains("Cancelled during its upload", cancelled.Error);
        Assert.Equal(0, cancelled.TotalRows);
        var late = await Assert.ThrowsAsync<JobConflictException>(() => job.AppendRows(1, rows[20..]));
        Assert.Equal(JobStatus.Cancelled, late.Status);
        Assert.Contains("was cancelled during its upload", late.Message);
        await Assert.ThrowsAsync<JobConflictException>(() => job.Seal(30));
        Assert.Empty((await cluster.Client.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, 0)).GetOutput()).Rows);
    }

    private async Task<(IJobGrain Job, ChunkRow[] Rows)> CreateAsync(int count)
    {
        var job = cluster.Client.GetGrain<IJobGrain>(Guid.NewGuid().ToString("N"));
        await job.Create(Spec());
        await job.Create(Spec()); // repeated after a lost answer: harmless
        var rows = Enumerable.Range(0, count)
            .Select(i => new ChunkRow(i + 2, [$"Lead{i}", $"Surname{i}", "CTO", $"Company{i}", $"company{i}.example"], null))
            .ToArray();
        return (job, rows);
    }

    private static JobSpec Spec() => new(
        "leads.csv", LeadFiles.Header.Split(','), ',', DefaultTemplates.ResearchQuery, DefaultTemplates.Prompt, "llama-3.1-8b-instant");
}
