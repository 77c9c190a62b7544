using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.ProviderEmulator.BatchApi;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Batches that do not simply complete: failed, expired, with failed requests, cancelled.</summary>
public sealed class BatchOutcomeTests
{
    [Fact]
    public async Task A_scripted_failure_ends_the_batch_failed_with_openai_errors_and_no_files()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.EnqueueOutcomes(BatchOutcome.Failed("Model not available for batch."));

        var failed = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("a", "b"), "failed");
        var next = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("c"), "completed");

        var error = Assert.Single(failed.GetProperty("errors").GetProperty("data").EnumerateArray());
        Assert.Equal("list", failed.GetProperty("errors").GetProperty("object").GetString());
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.Equal("Model not available for batch.", error.GetProperty("message").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Number, failed.GetProperty("failed_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("in_progress_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("output_file_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("error_file_id").ValueKind);
        Assert.Equal(1, emulator.Batches.RequestsProcessed);
        Assert.Equal(0, emulator.Batches.PendingOutcomes);
        Assert.Equal(1, next.GetProperty("request_counts").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task An_input_file_with_bad_lines_fails_validation_naming_each_line()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var jsonl = BatchInputFile.Of(
            BatchInputFile.Line("a", BatchInputFile.SingleBody(1)),
            "{not json",
            BatchInputFile.Line("a", BatchInputFile.SingleBody(2)),
            JsonSerializer.Serialize(new { custom_id = "d", method = "POST", url = "/v1/embeddings", body = new { } }));

        var failed = await CreateAndWaitAsync(api, jsonl, "failed");

        Assert.Equal(
            [("invalid_json_line", 2), ("duplicate_custom_id", 3), ("invalid_url", 4)],
            failed.GetProperty("errors").GetProperty("data").EnumerateArray()
                .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("line").GetInt32())));
        Assert.Equal(0, emulator.Batches.RequestsProcessed);
    }

    [Fact]
    public async Task An_expired_batch_keeps_its_first_answers_and_reports_the_rest_as_batch_expired()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.EnqueueOutcomes(BatchOutcome.Expired(completedRequests: 2));

        var expired = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("a", "b", "c", "d"), "expired");
        var output = await api.LinesAsync(expired.GetProperty("output_file_id").GetString()!);
        var errors = await api.LinesAsync(expired.GetProperty("error_file_id").GetString()!);

        Assert.Equal(JsonValueKind.Number, expired.GetProperty("expired_at").ValueKind);
        Assert.Equal(2, expired.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(2, expired.GetProperty("request_counts").GetProperty("failed").GetInt32());
        Assert.Equal(["a", "b"], output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal(["c", "d"], errors.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(errors, l =>
        {
            Assert.Equal(JsonValueKind.Null, l.GetProperty("response").ValueKind);
            Assert.Equal("batch_expired", l.GetProperty("error").GetProperty("code").GetString());
        });
        Assert.Equal(2, emulator.Batches.RequestsProcessed);
    }

    [Fact]
    public async Task Every_nth_request_fails_with_a_500_in_the_error_file()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.FailEveryNthRequest = 2;

        var done = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("a", "b", "c", "d"), "completed");
        var output = await api.LinesAsync(done.GetProperty("output_file_id").GetString()!);
        var errors = await api.LinesAsync(done.GetProperty("error_file_id").GetString()!);

        Assert.Equal(["a", "c"], output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal(["b", "d"], errors.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.All(errors, l =>
        {
            Assert.Equal(500, l.GetProperty("response").GetProperty("status_code").GetInt32());
            Assert.Equal("server_error", l.GetProperty("response").GetProperty("body").GetProperty("error").GetProperty("code").GetString());
            Assert.Equal(JsonValueKind.Null, l.GetProperty("error").ValueKind);
        });
        Assert.Equal(2, done.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(2, done.GetProperty("request_counts").GetProperty("failed").GetInt32());
        Assert.Equal(4, emulator.Batches.RequestsProcessed);
    }

    [Fact]
    public async Task Requests_chosen_by_custom_id_fail_and_only_those()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.FailRequestsWhen(customId => customId.EndsWith("-bad", StringComparison.Ordinal));

        var done = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("a", "b-bad", "c"), "completed");
        var errors = await api.LinesAsync(done.GetProperty("error_file_id").GetString()!);

        Assert.Equal("b-bad", Assert.Single(errors).GetProperty("custom_id").GetString());
        Assert.Equal(2, done.GetProperty("request_counts").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task Batch_faults_change_batched_answers_inside_a_batch_as_online()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var rows = new[] { BatchedRow.Of("12", "Ada", "Acme Robotics"), BatchedRow.Of("13", "Bob", "Globex") };
        emulator.Batches.RequestFaultWhen((customId, _) => customId == "swapped" ? Fault.BatchSwappedIds() : null);
        emulator.Batches.EnqueueRequestFaults(Fault.BatchMissingId(), Fault.BatchTruncated());
        var jsonl = BatchInputFile.Of(
            BatchInputFile.Line("swapped", BatchInputFile.BatchedBody(rows)),
            BatchInputFile.Line("missing", BatchInputFile.BatchedBody(rows)),
            BatchInputFile.Line("truncated", BatchInputFile.BatchedBody(rows)),
            BatchInputFile.Line("normal", BatchInputFile.BatchedBody(rows)));

        var done = await CreateAndWaitAsync(api, jsonl, "completed");
        var bodies = (await api.LinesAsync(done.GetProperty("output_file_id").GetString()!))
            .ToDictionary(l => l.GetProperty("custom_id").GetString()!, l => l.GetProperty("response").GetProperty("body"));

        Assert.Equal(["13", "12"], BatchedLines.Of(bodies["swapped"]).Select(l => l.Id));
        Assert.Equal(["12"], BatchedLines.Of(bodies["missing"]).Select(l => l.Id));
        Assert.Equal("length", BatchedLines.FinishReason(bodies["truncated"]));
        Assert.Equal(["12", "13"], BatchedLines.Of(bodies["normal"]).Select(l => l.Id));
        Assert.Equal(0, emulator.Batches.PendingRequestFaults);
        Assert.Equal(0, emulator.Llm.BatchedRequests);
    }

    [Fact]
    public async Task A_status_fault_inside_a_batch_sends_the_request_to_the_error_file()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.EnqueueRequestFaults(Fault.Status(503), Fault.Hang());

        var done = await CreateAndWaitAsync(api, BatchInputFile.OfSingles("a", "b", "c"), "completed");
        var errors = await api.LinesAsync(done.GetProperty("error_file_id").GetString()!);

        Assert.Equal([("a", 503), ("b", 500)],
            errors.Select(l => (l.GetProperty("custom_id").GetString(), l.GetProperty("response").GetProperty("status_code").GetInt32())));
    }

    private static async Task<JsonElement> CreateAndWaitAsync(BatchApiCalls api, string jsonl, string status)
    {
        var created = await api.CreateBatchAsync(jsonl);
        Assert.Equal(200, created.Status);
        return await api.WaitForStatusAsync(created.Body.GetProperty("id").GetString()!, null, status);
    }
}
