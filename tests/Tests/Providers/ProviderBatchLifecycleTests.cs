using System.Text.Json;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.ProviderEmulator.BatchApi;
using PersonalizedLine.Tests.EmulatorTests;

namespace PersonalizedLine.Tests.Providers;

/// <summary>Batches created, followed and read back through the real client against the emulator.</summary>
public sealed class ProviderBatchLifecycleTests
{
    [Fact]
    public async Task A_created_batch_is_got_listed_and_found_by_its_input_file()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var client = host.Batches;
        using var file = await BatchRequests.FileAsync(client, ("row-1", BatchRequests.Single(1)));
        var uploaded = await client.UploadAsync("job-3.jsonl", file, CancellationToken.None);
        var unrelated = await BatchRequests.StartAsync(client, "other.jsonl", ("row-9", BatchRequests.Single(9)));

        var before = await client.FindBatchForFileAsync(uploaded.Id, CancellationToken.None);
        var created = await client.CreateBatchAsync(uploaded.Id, "24h", new Dictionary<string, string> { ["job"] = "job-3" }, CancellationToken.None);
        var got = await client.GetBatchAsync(created.Id, CancellationToken.None);
        var found = await client.FindBatchForFileAsync(uploaded.Id, CancellationToken.None);

        Assert.Null(before);
        Assert.StartsWith("batch_", created.Id, StringComparison.Ordinal);
        Assert.Equal(uploaded.Id, created.InputFileId);
        Assert.Equal("24h", created.CompletionWindow);
        Assert.Equal("job-3", created.Metadata!["job"]);
        Assert.Equal(1, created.RequestCounts!.Total);
        Assert.False(created.IsFinished);
        Assert.Equal(created.Id, got.Id);
        Assert.Equal(created.Id, found!.Id);
        Assert.NotEqual(unrelated.Id, found.Id);
    }

    [Fact]
    public async Task Finding_a_batch_pages_back_through_older_batches()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var client = host.Batches;
        var oldest = await BatchRequests.StartAsync(client, "oldest.jsonl", ("row-1", BatchRequests.Single(1)));
        using var file = await BatchRequests.FileAsync(client, ("row-2", BatchRequests.Single(2)));
        var filler = await client.UploadAsync("filler.jsonl", file, CancellationToken.None);
        for (var i = 0; i < ProviderBatchClient.BatchPageSize + 5; i++)
        {
            await client.CreateBatchAsync(filler.Id, "24h", new Dictionary<string, string>(), CancellationToken.None);
        }

        var found = await client.FindBatchForFileAsync(oldest.InputFileId, CancellationToken.None);

        Assert.Equal(oldest.Id, found!.Id);
    }

    [Fact]
    public async Task A_completed_batch_streams_back_every_answer_mapped_by_custom_id()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var client = host.Batches;
        BatchedRow[] rows = [BatchedRow.Of("12", "Ada", "Acme Robotics"), BatchedRow.Of("13", "Bob", "Globex")];

        var batch = await BatchRequests.StartAsync(client, "job-5.jsonl",
            ("single-1", BatchRequests.Single(1)), ("rows-12-13", BatchRequests.Shared(rows)), ("single-2", BatchRequests.Single(2)));
        var done = await BatchRequests.FinishedAsync(client, batch.Id);
        var results = (await BatchRequests.ReadAllAsync(client, done.OutputFileId!)).ToDictionary(r => r.CustomId!);

        Assert.Equal(ProviderBatchStatusNames.Completed, done.Status);
        Assert.False(done.IsTerminalFailure);
        Assert.Null(done.ErrorFileId);
        Assert.Null(done.FirstErrorMessage);
        Assert.Equal(new BatchRequestCounts { Total = 3, Completed = 3, Failed = 0 }, done.RequestCounts);
        Assert.Equal((3, 3, 0), (done.TotalRequests, done.CompletedRequests, done.FailedRequests));
        Assert.Equal(["rows-12-13", "single-1", "single-2"], results.Keys.Order(StringComparer.Ordinal));
        Assert.All(results.Values, r => Assert.True(r.IsSuccess && r.StatusCode == 200 && r.ErrorMessage is null));
        Assert.Equal(DefaultAnswers.LineFor(BatchRequests.UserPrompt(1)), Content(results["single-1"]));
        Assert.Equal(DefaultAnswers.LineFor(BatchRequests.UserPrompt(2)), Content(results["single-2"]));
        using var shared = JsonDocument.Parse(Content(results["rows-12-13"]));
        Assert.Equal(
            [("12", BatchedLines.Expected("Ada", "Acme Robotics")), ("13", BatchedLines.Expected("Bob", "Globex"))],
            shared.RootElement.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("id").GetString(), l.GetProperty("line").GetString())));
        Assert.True(results["single-1"].Completion!.Usage!.PromptTokens > 0);
        Assert.Equal(3, host.Emulator.Batches.RequestsProcessed);
        Assert.Equal(0, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Failed_and_expired_requests_come_back_from_the_error_file_with_code_and_message()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var client = host.Batches;
        host.Emulator.Batches.FailRequestsWhen(id => id == "row-2");
        host.Emulator.Batches.EnqueueOutcomes(BatchOutcome.Expired(completedRequests: 2));

        var batch = await BatchRequests.StartAsync(client, "job-6.jsonl",
            ("row-1", BatchRequests.Single(1)), ("row-2", BatchRequests.Single(2)), ("row-3", BatchRequests.Single(3)));
        var done = await BatchRequests.FinishedAsync(client, batch.Id);
        var answered = await BatchRequests.ReadAllAsync(client, done.OutputFileId!);
        var errors = (await BatchRequests.ReadAllAsync(client, done.ErrorFileId!)).ToDictionary(r => r.CustomId!);

        Assert.Equal(ProviderBatchStatusNames.Expired, done.Status);
        Assert.True(done.IsFinished && done.IsTerminalFailure);
        Assert.Equal("row-1", Assert.Single(answered).CustomId);
        Assert.Equal(["row-2", "row-3"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, e => Assert.False(e.IsSuccess));
        Assert.Equal(500, errors["row-2"].StatusCode);
        Assert.Equal("server_error", errors["row-2"].ErrorCode);
        Assert.StartsWith("The request was answered with HTTP 500: The server had an error", errors["row-2"].ErrorMessage, StringComparison.Ordinal);
        Assert.Null(errors["row-3"].StatusCode);
        Assert.Equal("batch_expired", errors["row-3"].ErrorCode);
        Assert.Equal("This request could not be executed before the completion window expired.", errors["row-3"].ErrorMessage);
    }

    [Fact]
    public async Task A_batch_that_fails_validation_says_why()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Batches.EnqueueOutcomes(BatchOutcome.Failed("Model llama-9 does not exist."));

        var batch = await BatchRequests.StartAsync(host.Batches, "job-8.jsonl", ("row-1", BatchRequests.Single(1)));
        var done = await BatchRequests.FinishedAsync(host.Batches, batch.Id);

        Assert.Equal(ProviderBatchStatusNames.Failed, done.Status);
        Assert.True(done.IsTerminalFailure);
        Assert.Null(done.OutputFileId);
        Assert.Equal("invalid_request: Model llama-9 does not exist. (line 1)", done.FirstErrorMessage);
    }

    [Fact]
    public async Task A_cancelled_batch_ends_cancelled_and_cancelling_it_again_returns_it()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Batches.ValidatingTime = TimeSpan.FromMinutes(5);
        var batch = await BatchRequests.StartAsync(host.Batches, "job-9.jsonl", ("row-1", BatchRequests.Single(1)));

        var cancelling = await host.Batches.CancelBatchAsync(batch.Id, CancellationToken.None);
        var done = await BatchRequests.FinishedAsync(host.Batches, batch.Id);
        var again = await host.Batches.CancelBatchAsync(batch.Id, CancellationToken.None);

        Assert.Equal(ProviderBatchStatusNames.Cancelling, cancelling.Status);
        Assert.Equal(ProviderBatchStatusNames.Cancelled, done.Status);
        Assert.True(done.IsTerminalFailure);
        Assert.Equal(ProviderBatchStatusNames.Cancelled, again.Status);
        Assert.Equal(1, host.Emulator.Batches.BatchesCancelled);
    }

    [Fact]
    public async Task An_unknown_batch_is_named_in_the_error()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => host.Batches.GetBatchAsync("batch_nope", CancellationToken.None));

        Assert.StartsWith("Getting batch batch_nope: the provider has no batch batch_nope (HTTP 404).", failure.Message, StringComparison.Ordinal);
    }

    private static string Content(BatchResultLine result) => result.Completion!.Choices![0].Message!.Content!;
}
