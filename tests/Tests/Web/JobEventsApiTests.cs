using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Web;

/// <summary>GET /jobs/{id}/events: a job's progress pushed as Server-Sent Events until it ends.</summary>
[Collection(ApiCollection.Name)]
public sealed class JobEventsApiTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly ApiFixture _api;
    private readonly JobsApiCalls _jobs;

    public JobEventsApiTests(ApiFixture api)
    {
        _api = api;
        _jobs = new JobsApiCalls(api.Http, Deadline);
        api.Emulator.Reset();
    }

    public void Dispose() => _api.Emulator.Reset();

    [Fact]
    public async Task Progress_events_arrive_in_order_with_rising_counts_and_the_stream_ends_after_the_completed_event()
    {
        const int rows = 200;
        // 50 rows at a time, half a second each: about two seconds of work, so the stream sees the job run.
        _api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(500);
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(rows, i => $"Events{Tag}Co{i}"));

        var (contentType, items) = await ReadStreamAsync(id);

        Assert.Equal("text/event-stream", contentType);
        var events = items.Where(item => !item.IsComment).ToList();
        Assert.All(events, item => Assert.Equal("progress", item.Type));
        var progress = events.Select(item => JsonDocument.Parse(item.Data!).RootElement.Clone()).ToList();
        Assert.True(progress.Count >= 2, $"expected the running job and its end, got {progress.Count} event(s)");
        Assert.All(progress, job => Assert.Equal(id, job.GetProperty("id").GetString()));
        Assert.True(progress[0].GetProperty("processedRows").GetInt64() < rows, "the first event shows the job before it finished");

        for (var i = 1; i < progress.Count; i++)
        {
            Assert.True(progress[i].GetProperty("processedRows").GetInt64() >= progress[i - 1].GetProperty("processedRows").GetInt64(),
                $"processedRows fell from event {i - 1} to event {i}");
            Assert.True(progress[i].GetProperty("succeededRows").GetInt64() >= progress[i - 1].GetProperty("succeededRows").GetInt64(),
                $"succeededRows fell from event {i - 1} to event {i}");
            // Only changes are sent.
            Assert.NotEqual(events[i - 1].Data, events[i].Data);
        }

        var last = progress[^1];
        Assert.Equal("completed", JobsApiCalls.Status(last));
        Assert.Equal(rows, last.GetProperty("processedRows").GetInt64());
        Assert.Equal(rows, last.GetProperty("succeededRows").GetInt64());
        Assert.Equal(100, last.GetProperty("percentComplete").GetDouble());
        Assert.All(progress.SkipLast(1), job => Assert.NotEqual("completed", JobsApiCalls.Status(job)));

        // The same document as GET /jobs/{id}: the same properties, the same figures.
        var job = await _jobs.GetJobAsync(id);
        Assert.Equal(
            job.EnumerateObject().Select(p => p.Name).ToList(),
            last.EnumerateObject().Select(p => p.Name).ToList());
        Assert.Equal(job.GetProperty("succeededRows").GetInt64(), last.GetProperty("succeededRows").GetInt64());
        Assert.Equal(job.GetProperty("usage").GetRawText(), last.GetProperty("usage").GetRawText());
    }

    [Fact]
    public async Task A_quiet_stream_carries_heartbeat_comments_and_ends_after_the_cancelled_event()
    {
        const int rows = 100;
        _api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(2500);
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(rows, i => $"Quiet{Tag}Co{i}"));
        var pause = await _jobs.PostAsync($"/jobs/{id}/pause");
        Assert.Equal(HttpStatusCode.OK, pause.Code);
        await Eventually.TrueAsync(() => _api.Emulator.Llm.InFlight == 0, Deadline, "the rows in flight to finish");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{id}/events");
        using var response = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        using var timeout = new CancellationTokenSource(Deadline);
        var items = new List<ServerSentEvent>();
        var cancelled = false;
        await foreach (var item in ServerSentEventReader.ReadAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token))
        {
            items.Add(item);
            // A heartbeat after the first event: the paused job changes nothing, yet the connection is kept busy.
            if (!cancelled && item.IsComment && items.Any(seen => !seen.IsComment))
            {
                Assert.Equal("keep-alive", item.Comment);
                var cancel = await _jobs.PostAsync($"/jobs/{id}/cancel");
                Assert.Equal(HttpStatusCode.OK, cancel.Code);
                cancelled = true;
            }
        }

        Assert.True(cancelled, "no heartbeat came before the stream ended");
        var events = items.Where(item => !item.IsComment).Select(item => JsonDocument.Parse(item.Data!).RootElement).ToList();
        Assert.Equal("paused", JobsApiCalls.Status(events[0]));
        Assert.Contains("Paused on request", events[0].GetProperty("pauseReason").GetString());
        Assert.Equal("cancelled", JobsApiCalls.Status(events[^1]));
        Assert.Single(events, job => JobsApiCalls.Status(job) == "cancelled");
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_problem_before_any_stream_starts()
    {
        using var response = await _api.Http.GetAsync($"/jobs/no-such-job-{Tag}/events");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JobsApiCalls.ReadJsonAsync(response);
        Assert.Equal("Job not found", problem.GetProperty("title").GetString());
        Assert.Contains($"no-such-job-{Tag}", problem.GetProperty("detail").GetString());
    }

    private static string Tag { get; } = Guid.NewGuid().ToString("N")[..8];

    private async Task<(string? ContentType, List<ServerSentEvent> Items)> ReadStreamAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/jobs/{id}/events");
        using var response = await _api.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var timeout = new CancellationTokenSource(Deadline);
        var items = new List<ServerSentEvent>();
        // The loop ends only when the server ends the stream; the deadline turns a stream that never ends into a failure.
        await foreach (var item in ServerSentEventReader.ReadAsync(await response.Content.ReadAsStreamAsync(timeout.Token), timeout.Token))
        {
            items.Add(item);
        }

        return (response.Content.Headers.ContentType?.MediaType, items);
    }
}
