using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Batched chat: several rows in one chat completion, and the alignment faults a client must survive.</summary>
public sealed class BatchedChatTests
{
    private static readonly BatchedRow[] ThreeRows =
    [
        BatchedRow.Of("12", "Ada", "Acme Robotics"),
        new("13", new Dictionary<string, string> { ["name"] = "Bob Stone", ["company_name"] = "Globex" }, "Globex hired."),
        BatchedRow.Of("14", "Cy", "Initech"),
    ];

    [Fact]
    public async Task Batched_answer_has_one_line_per_row_in_input_order_with_each_rows_company()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);

        var answer = await calls.BatchedChatAsync("key-a", ThreeRows);

        Assert.Equal(200, answer.Status);
        Assert.Equal(
            [("12", BatchedLines.Expected("Ada", "Acme Robotics")), ("13", BatchedLines.Expected("Bob", "Globex")), ("14", BatchedLines.Expected("Cy", "Initech"))],
            BatchedLines.Of(answer.Body));
        Assert.Equal("stop", BatchedLines.FinishReason(answer.Body));
        Assert.Equal(DefaultAnswers.Tokens(EmulatorCalls.SystemPrompt) + DefaultAnswers.Tokens(BatchedRow.UserMessage(ThreeRows)), answer.PromptTokens);
        Assert.Equal(DefaultAnswers.Tokens(BatchedLines.Content(answer.Body)),
            answer.Body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(1, emulator.Llm.BatchedRequests);
        Assert.Equal(3, emulator.Llm.BatchedRows);
    }

    [Fact]
    public async Task A_row_gets_the_same_line_batched_as_alone()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);

        var alone = await calls.ChatAsync("key-a", n: 7);
        var batched = await calls.BatchedChatAsync("key-a", BatchedRow.Of("1", "Ada7", "Acme Robotics 7"));

        Assert.Equal(BatchedLines.Content(alone.Body), Assert.Single(BatchedLines.Of(batched.Body)).Line);
        Assert.Equal(1, emulator.Llm.BatchedRequests);
        Assert.Equal(2, emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Missing_id_leaves_out_the_last_rows_line()
    {
        var lines = BatchedLines.Of((await AnswerWithAsync(Fault.BatchMissingId())).Body);

        Assert.Equal(["12", "13"], lines.Select(l => l.Id));
    }

    [Fact]
    public async Task Swapped_ids_make_the_first_two_lines_name_each_others_company()
    {
        var lines = BatchedLines.Of((await AnswerWithAsync(Fault.BatchSwappedIds())).Body);

        Assert.Equal(["13", "12", "14"], lines.Select(l => l.Id));
        Assert.Contains("Acme Robotics", lines[0].Line, StringComparison.Ordinal);
        Assert.Contains("Globex", lines[1].Line, StringComparison.Ordinal);
        Assert.Contains("Initech", lines[2].Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_id_repeats_the_first_row_with_a_different_text()
    {
        var lines = BatchedLines.Of((await AnswerWithAsync(Fault.BatchDuplicateId())).Body);

        Assert.Equal(["12", "12", "13", "14"], lines.Select(l => l.Id));
        Assert.NotEqual(lines[0].Line, lines[1].Line);
        Assert.Contains("Acme Robotics", lines[1].Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_id_adds_a_line_no_row_has()
    {
        var lines = BatchedLines.Of((await AnswerWithAsync(Fault.BatchUnknownId())).Body);

        Assert.Equal(["12", "13", "14", "999999"], lines.Select(l => l.Id));
    }

    [Fact]
    public async Task Invalid_json_answers_prose_that_does_not_parse()
    {
        var answer = await AnswerWithAsync(Fault.BatchInvalidJson());

        var content = BatchedLines.Content(answer.Body);
        Assert.StartsWith("Sure!", content, StringComparison.Ordinal);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BatchedLines.Of(answer.Body));
        Assert.Equal("stop", BatchedLines.FinishReason(answer.Body));
    }

    [Fact]
    public async Task Truncated_stops_halfway_with_finish_reason_length()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        var whole = BatchedLines.Content((await calls.BatchedChatAsync("key-a", ThreeRows)).Body);
        emulator.Llm.EnqueueFaults(Fault.BatchTruncated());

        var answer = await calls.BatchedChatAsync("key-a", ThreeRows);

        var content = BatchedLines.Content(answer.Body);
        Assert.Equal("length", BatchedLines.FinishReason(answer.Body));
        Assert.StartsWith(content, whole, StringComparison.Ordinal);
        Assert.Equal(whole.Length / 2, content.Length);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => BatchedLines.Of(answer.Body));
    }

    [Fact]
    public async Task A_batch_fault_drawn_by_a_single_line_request_is_answered_normally()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.EnqueueFaults(Fault.BatchTruncated());

        var answer = await calls.ChatAsync("key-a", n: 3);

        Assert.Equal(200, answer.Status);
        Assert.Equal(DefaultAnswers.LineFor(EmulatorCalls.UserPrompt(3)), BatchedLines.Content(answer.Body));
        Assert.Equal("stop", BatchedLines.FinishReason(answer.Body));
        Assert.Equal(0, emulator.Llm.PendingFaults);
    }

    [Theory]
    [InlineData("Write one line per lead, please.")]
    [InlineData("Leads:\n[{\"id\":\"12\",\"lead\":{\"company\":\"Acme\"}")]
    [InlineData("Leads:\n[{\"lead\":{\"company\":\"Acme\"}}]")]
    public async Task A_batched_request_without_a_readable_array_is_answered_400(string userMessage)
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);

        var answer = await calls.BatchedChatAsync("key-a", userMessage);

        Assert.Equal(400, answer.Status);
        Assert.Equal("invalid_request_error", answer.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(answer.ErrorMessage));
        Assert.Equal(1, emulator.Llm.BatchedRequests);
        Assert.Equal(0, emulator.Llm.BatchedRows);
    }

    [Fact]
    public async Task The_quota_admits_a_batched_request_once_whatever_its_rows()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 2 };

        var first = await calls.BatchedChatAsync("key-a", ThreeRows);
        var second = await calls.BatchedChatAsync("key-a", ThreeRows);
        var third = await calls.BatchedChatAsync("key-a", ThreeRows);

        Assert.Equal([200, 200, 429], [first.Status, second.Status, third.Status]);
        Assert.Equal(2, emulator.Llm.AdmittedRequests);
        Assert.Equal(1, emulator.Llm.QuotaRejections);
        Assert.Equal(3, emulator.Llm.BatchedRequests);
        Assert.Equal(9, emulator.Llm.BatchedRows);
    }

    [Fact]
    public async Task Reset_counters_zeroes_the_batched_counts()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        await calls.BatchedChatAsync("key-a", ThreeRows);

        emulator.ResetCounters();

        Assert.Equal(0, emulator.Llm.BatchedRequests);
        Assert.Equal(0, emulator.Llm.BatchedRows);
    }

    private static async Task<Answer> AnswerWithAsync(Fault fault)
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        // Through a rule, not the queue: batch faults go through every existing scripting mechanism.
        emulator.Llm.FaultWhen(body => body.Contains("json_object", StringComparison.Ordinal) ? fault : null);

        var answer = await calls.BatchedChatAsync("key-a", ThreeRows);

        Assert.Equal(200, answer.Status);
        return answer;
    }
}
