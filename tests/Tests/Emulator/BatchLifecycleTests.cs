using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>A batch's way from <c>validating</c> to <c>completed</c>, and the files it leaves behind.</summary>
public sealed class BatchLifecycleTests
{
    private static readonly string[] Order = ["validating", "in_progress", "finalizing", "completed"];

    [Fact]
    public async Task A_batch_moves_through_its_statuses_and_completes_with_an_output_line_per_custom_id()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var jsonl = BatchInputFile.Of(
            BatchInputFile.Line("single-1", BatchInputFile.SingleBody(1)),
            BatchInputFile.Line("rows-12-13", BatchInputFile.BatchedBody(BatchedRow.Of("12", "Ada", "Acme Robotics"), BatchedRow.Of("13", "Bob", "Globex"))),
            BatchInputFile.Line("single-2", BatchInputFile.SingleBody(2)));

        var created = await api.CreateBatchAsync(jsonl, new Dictionary<string, string> { ["job"] = "job-7" });
        var id = created.Body.GetProperty("id").GetString()!;
        var seen = new List<string> { BatchApiCalls.Status(created.Body) };
        var done = await api.WaitForStatusAsync(id, seen, "completed");

        Assert.Equal(200, created.Status);
        Assert.StartsWith("batch_", id, StringComparison.Ordinal);
        Assert.Equal("batch", created.Body.GetProperty("object").GetString());
        Assert.Equal(JsonValueKind.Null, created.Body.GetProperty("errors").ValueKind);
        Assert.Equal("/v1/chat/completions", created.Body.GetProperty("endpoint").GetString());
        Assert.Equal("24h", created.Body.GetProperty("completion_window").GetString());
        Assert.Equal(3, created.Body.GetProperty("request_counts").GetProperty("total").GetInt32());
        Assert.Equal("job-7", created.Body.GetProperty("metadata").GetProperty("job").GetString());
        // Whatever a poll catches, the statuses never go backwards.
        var ranks = seen.Select(s => Array.IndexOf(Order, s)).ToList();
        Assert.DoesNotContain(-1, ranks);
        Assert.Equal(ranks.Order(), ranks);

        Assert.Equal(JsonValueKind.Number, done.GetProperty("in_progress_at").ValueKind);
        Assert.Equal(JsonValueKind.Number, done.GetProperty("finalizing_at").ValueKind);
        Assert.Equal(JsonValueKind.Number, done.GetProperty("completed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, done.GetProperty("error_file_id").ValueKind);
        Assert.Equal(3, done.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(0, done.GetProperty("request_counts").GetProperty("failed").GetInt32());

        var lines = await api.LinesAsync(done.GetProperty("output_file_id").GetString()!);
        Assert.Equal(["single-1", "rows-12-13", "single-2"], lines.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(lines, l =>
        {
            Assert.StartsWith("batch_req_", l.GetProperty("id").GetString(), StringComparison.Ordinal);
            Assert.Equal(200, l.GetProperty("response").GetProperty("status_code").GetInt32());
            Assert.Equal(JsonValueKind.Null, l.GetProperty("error").ValueKind);
        });
        Assert.Equal(DefaultAnswers.LineFor(EmulatorCalls.UserPrompt(1)), BatchedLines.Content(Body(lines[0])));
        Assert.Equal(
            [("12", BatchedLines.Expected("Ada", "Acme Robotics")), ("13", BatchedLines.Expected("Bob", "Globex"))],
            BatchedLines.Of(Body(lines[1])));
        Assert.Equal(DefaultAnswers.LineFor(EmulatorCalls.UserPrompt(2)), BatchedLines.Content(Body(lines[2])));
    }

    [Fact]
    public async Task Batch_requests_are_not_online_chat_requests()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Llm.EnqueueFaults(Fault.Status(500));

        var created = await api.CreateBatchAsync(BatchInputFile.OfSingles("a", "b"));
        var done = await api.WaitForStatusAsync(created.Body.GetProperty("id").GetString()!, null, "completed");

        Assert.Equal(2, done.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(0, emulator.Llm.TotalRequests);
        Assert.Equal(0, emulator.Llm.AdmittedRequests);
        Assert.Equal(1, emulator.Llm.PendingFaults);
        Assert.Equal(2, emulator.Batches.RequestsProcessed);
        Assert.Equal(1, emulator.Batches.BatchesCreated);
    }

    [Fact]
    public async Task A_batch_waits_in_each_status_as_long_as_configured()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.ValidatingTime = TimeSpan.FromHours(1);
        var validating = await api.CreateBatchAsync(BatchInputFile.OfSingles("a"));
        emulator.Batches.ValidatingTime = TimeSpan.Zero;
        emulator.Batches.ProcessingTime = TimeSpan.FromHours(1);
        var inProgress = await api.CreateBatchAsync(BatchInputFile.OfSingles("a", "b"));

        var stillValidating = (await api.GetAsync($"/v1/batches/{validating.Body.GetProperty("id").GetString()}")).Body;
        var stillInProgress = (await api.GetAsync($"/v1/batches/{inProgress.Body.GetProperty("id").GetString()}")).Body;

        Assert.Equal("validating", BatchApiCalls.Status(stillValidating));
        Assert.Equal(0, stillValidating.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(JsonValueKind.Null, stillValidating.GetProperty("in_progress_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, stillValidating.GetProperty("output_file_id").ValueKind);
        Assert.Equal("in_progress", BatchApiCalls.Status(stillInProgress));
        Assert.Equal(JsonValueKind.Number, stillInProgress.GetProperty("in_progress_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, stillInProgress.GetProperty("output_file_id").ValueKind);
        // A batch keeps the times it was created with.
        Assert.Equal("validating", BatchApiCalls.Status(validating.Body));
    }

    [Fact]
    public async Task The_output_file_is_a_batch_output_file_not_listed_with_uploads()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);

        var created = await api.CreateBatchAsync(BatchInputFile.OfSingles("a"));
        var done = await api.WaitForStatusAsync(created.Body.GetProperty("id").GetString()!, null, "completed");
        var output = await api.GetAsync($"/v1/files/{done.GetProperty("output_file_id").GetString()}");
        var uploads = await api.GetAsync("/v1/files?purpose=batch");

        Assert.Equal("batch_output", output.Body.GetProperty("purpose").GetString());
        var upload = Assert.Single(uploads.Body.GetProperty("data").EnumerateArray());
        Assert.Equal(created.Body.GetProperty("input_file_id").GetString(), upload.GetProperty("id").GetString());
        Assert.Equal(1, emulator.Batches.FilesUploaded);
    }

    [Fact]
    public async Task Batches_are_listed_newest_first_a_page_at_a_time()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await api.CreateBatchAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString()!);
        }

        var first = await api.GetAsync("/v1/batches?limit=2");
        var rest = await api.GetAsync($"/v1/batches?limit=2&after={first.Body.GetProperty("last_id").GetString()}");

        Assert.Equal([ids[2], ids[1]], first.Body.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.True(first.Body.GetProperty("has_more").GetBoolean());
        Assert.Equal([ids[0]], rest.Body.GetProperty("data").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.False(rest.Body.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task A_batch_over_an_unknown_file_is_answered_404_and_a_bad_endpoint_400()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var fileId = (await api.UploadAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString();

        var unknown = await api.PostAsync("/v1/batches", new { input_file_id = "file-nope", endpoint = "/v1/chat/completions", completion_window = "24h" });
        var badEndpoint = await api.PostAsync("/v1/batches", new { input_file_id = fileId, endpoint = "/v1/embeddings", completion_window = "24h" });

        Assert.Equal(404, unknown.Status);
        Assert.Contains("file-nope", unknown.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(400, badEndpoint.Status);
        Assert.Equal(0, emulator.Batches.BatchesCreated);
    }

    [Fact]
    public async Task Reset_forgets_batches()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var id = (await api.CreateBatchAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString();

        emulator.Reset();

        Assert.Equal(404, (await api.GetAsync($"/v1/batches/{id}")).Status);
        Assert.Equal(0, emulator.Batches.BatchesCreated);
    }

    private static JsonElement Body(JsonElement outputLine) => outputLine.GetProperty("response").GetProperty("body");
}
