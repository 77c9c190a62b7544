using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// The embedded default keeps job state and reminders on disk: a job survives kill -9 of the only process and
/// resumes when it starts again on the same <c>Storage__Path</c>, with nobody calling the API in between.
/// </summary>
[Collection(EmbeddedProcessCollection.Name)]
public sealed class EmbeddedRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_job_resumes_after_the_embedded_process_is_killed_and_finishes_every_row_once_in_order()
    {
        const int rows = 600;
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        // Slow enough that the kill lands mid-job: about 20 rows at a time, a quarter of a second each.
        emulator.Search.Latency = TimeSpan.FromMilliseconds(50);
        emulator.Llm.Latency = TimeSpan.FromMilliseconds(200);
        await using var process = await EmbeddedApiProcess.StartAsync(emulator, rowsInFlight: 20, new Dictionary<string, string?>
        {
            // The lifecycle reminder, which resumes a live job after a restart, ticks every two seconds.
            ["Processing:ResumeInterval"] = "00:00:02",
        });
        var job = new JobClient(process.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows));
        var before = await job.WaitForProcessedAsync(rows / 3, Deadline);

        await process.Api.KillAsync();
        var callsWhileDown = emulator.Llm.TotalRequests;
        output.WriteLine($"kill -9 at {before}+ rows processed, {callsWhileDown} LLM calls");
        Assert.True(File.Exists(Path.Combine(process.DataPath, Silo.Storage.SqliteStateDatabase.FileName)), "no state file in the data directory");
        await process.RestartAsync();

        // Nobody calls the API until the work has resumed: only the job's reminder, read back from disk, can restart it.
        await Eventually.TrueAsync(() => emulator.Llm.TotalRequests > callsWhileDown, Deadline,
            $"provider calls to resume after the restart, with no API call\n{process.Api.Tail()}");
        var resumedAt = await job.WaitForProcessedAsync(0, Deadline);
        Assert.True(resumedAt >= rows / 4, $"the job came back at {resumedAt} rows processed, having reached {before}: its progress was not kept");

        System.Text.Json.JsonElement final;
        try
        {
            final = await job.WaitForStatusAsync("completed", Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{process.Api.Tail()}", ex);
        }

        var result = await job.DownloadAsync();
        EmulatedLines.AssertEveryRowHasItsOwnLine(result, rows);
        Assert.Equal(rows, final.GetProperty("succeededRows").GetInt64());
        Assert.Equal(rows, final.GetProperty("processedRows").GetInt64());
        output.WriteLine($"{rows} rows, {emulator.Llm.TotalRequests} LLM calls ({emulator.Llm.TotalRequests - rows} repeated after the kill)");
    }
}
