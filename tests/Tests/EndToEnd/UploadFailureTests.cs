using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// Uploads under failure, on real processes: silos killed while a file streams in never make a short job, and an
/// upload whose API process dies becomes a failed job that says so and can be deleted without a trace.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UploadFailureTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);
    private readonly EndToEndServers _servers;
    private readonly ITestOutputHelper _output;

    public UploadFailureTests(EndToEndServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
        servers.Emulator.Reset();

        // No provider latency: the run is bounded by the machine, not by waiting.
        servers.Emulator.Search.Latency = TimeSpan.Zero;
        servers.Emulator.Search.LatencyJitter = TimeSpan.Zero;
        servers.Emulator.Llm.Latency = TimeSpan.Zero;
        servers.Emulator.Llm.LatencyJitter = TimeSpan.Zero;
    }

    [Fact]
    public async Task EverySiloKilledOnceDuringAnUploadLeavesAJobWithEveryRowOnceInOrder()
    {
        const int rows = 20_000;
        await using var cluster = await RealCluster.StartAsync("upkill", 3, _servers.Redis, _servers.Postgres, _servers.Emulator);
        using var uploads = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var silos = cluster.Silos.Count;

        // One pause per silo: each is killed once while the file is still arriving, so the silo holding the job is too.
        var file = new PausingLeadCsvStream(rows, Enumerable.Range(1, silos).Select(k => rows * k / (silos + 1)).ToArray());
        var job = new JobClient(cluster.Http);
        var clock = Stopwatch.StartNew();
        var upload = job.SubmitStreamAsync(uploads, file);
        try
        {
            for (var victim = 0; victim < silos; victim++)
            {
                if (await Task.WhenAny(file.Reached(victim), upload, Task.Delay(Deadline)) != file.Reached(victim))
                {
                    await upload; // An upload that ended early says why.
                    throw new TimeoutException($"The upload did not reach pause {victim} within {Deadline.TotalSeconds:0} s\n{cluster.Logs()}");
                }

                _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: kill -9 {cluster.Silos[victim].Name} with {file.RowsSent} rows sent");
                await cluster.Silos[victim].KillAsync();
                file.Release(victim);
                await cluster.RestartSiloAsync(victim);
                _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {cluster.Silos[victim].Name} started again");
            }

            await upload;
        }
        finally
        {
            file.ReleaseAll();
        }

        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: upload answered 202, job {job.Id}");
        var final = await CompletedAsync(job, cluster);
        _output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: job completed");
        var output = await job.DownloadAsync();
        Assert.All(Enumerable.Range(0, Math.Min(rows, output.Rows.Count)), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
        EmulatedLines.AssertEveryRowHasItsOwnLine(output, rows);
        Assert.Equal(rows, final.GetProperty("totalRows").GetInt64());
        Assert.Equal(rows, final.GetProperty("succeededRows").GetInt64());

        var listed = await ListedJobsAsync(cluster);
        Assert.Equal([job.Id], listed.Select(j => j.GetProperty("id").GetString()!).ToArray());

        ReportRepeatedCalls(job, rows);
    }

    [Fact]
    public async Task AnUploadWhoseApiProcessIsKilledBecomesAFailedJobThatDeletesWithoutATrace()
    {
        const int rows = 20_000;
        var settings = new Dictionary<string, string>
        {
            ["Jobs__UploadTimeout"] = "00:00:05",
            ["Processing__ResumeInterval"] = "00:00:02",
        };
        await using var cluster = await RealCluster.StartAsync("apikill", 1, _servers.Redis, _servers.Postgres, _servers.Emulator, settings);
        using var uploads = new HttpClient { BaseAddress = cluster.Http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var file = new PausingLeadCsvStream(rows, rows / 4);
        var upload = uploads.PostAsync("/jobs", JobClient.StreamedForm(file));
        string jobId;
        try
        {
            if (await Task.WhenAny(file.Reached(0), upload, Task.Delay(Deadline)) != file.Reached(0))
            {
                using var early = await upload;
                Assert.Fail($"The upload ended before it was interrupted: {(int)early.StatusCode} {await early.Content.ReadAsStringAsync()}");
            }

            // The API has created the job and stored rows of it: the upload is under way in the cluster.
            var uploading = await Eventually.ReturnsAsync(() => ListedJobsAsync(cluster),
                jobs => jobs.Count == 1 && jobs[0].GetProperty("totalRows").GetInt64() > 0, Deadline, "the job to hold uploaded rows");
            jobId = uploading[0].GetProperty("id").GetString()!;
            Assert.Equal("queued", uploading[0].GetProperty("status").GetString());
            _output.WriteLine($"kill -9 the API with {file.RowsSent} rows sent and {uploading[0].GetProperty("totalRows")} stored in job {jobId}");
            await cluster.Api.KillAsync();
        }
        finally
        {
            file.ReleaseAll();
        }

        var lost = await Assert.ThrowsAnyAsync<Exception>(() => upload);
        _output.WriteLine($"the client saw: {lost.GetType().Name}: {lost.Message}");
        Assert.True(lost is HttpRequestException or TaskCanceledException, lost.ToString());

        await cluster.RestartApiAsync();
        var listed = await ListedJobsAsync(cluster);
        Assert.Equal([jobId], listed.Select(j => j.GetProperty("id").GetString()!).ToArray());
        // The first state after queued is the final one: failed, with no rows (never failed with rows still counted).
        var failed = await Eventually.ReturnsAsync(() => ListedJobsAsync(cluster),
            jobs => jobs.Count == 1 && jobs[0].GetProperty("status").GetString() != "queued", Deadline, "the interrupted upload to end");
        var summary = failed[0];
        Assert.Equal("failed", summary.GetProperty("status").GetString());
        Assert.Contains("The upload was interrupted", summary.GetProperty("error").GetString());
        Assert.Equal(0, summary.GetProperty("totalRows").GetInt64());
        Assert.Equal(0, summary.GetProperty("processedRows").GetInt64());
        _output.WriteLine($"job {jobId}: {summary.GetProperty("error").GetString()}");
        Assert.Equal(0, _servers.Emulator.Llm.TotalRequests);
        Assert.Equal(0, _servers.Emulator.Search.TotalRequests);

        using (var deleted = await cluster.Http.DeleteAsync($"/jobs/{jobId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var gone = await cluster.Http.GetAsync($"/jobs/{jobId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty(await ListedJobsAsync(cluster));
        var storage = new StorageRows(_servers.Postgres.ConnectionStringFor(cluster.Database));
        Assert.Empty(await storage.MentioningAsync(jobId));
    }

    private static async Task<IReadOnlyList<JsonElement>> ListedJobsAsync(RealCluster cluster)
    {
        using var response = await cluster.Http.GetAsync("/jobs?limit=100");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /jobs answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("jobs").EnumerateArray().Select(job => job.Clone()).ToList();
    }

    private static async Task<JsonElement> CompletedAsync(JobClient job, RealCluster cluster)
    {
        try
        {
            return await job.WaitForStatusAsync("completed", Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.Logs()}", ex);
        }
    }

    private void ReportRepeatedCalls(JobClient job, int rows)
    {
        var repeated = _servers.Emulator.Llm.TotalRequests - rows;
        _output.WriteLine($"{rows} rows, {_servers.Emulator.Llm.TotalRequests} LLM calls ({repeated} repeated), {_servers.Emulator.Search.TotalRequests} searches");
        Console.WriteLine($"[end-to-end] {job.Id}: {repeated} provider calls repeated for {rows} rows");
    }
}
