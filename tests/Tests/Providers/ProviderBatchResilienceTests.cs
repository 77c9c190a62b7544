using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// Retries, non-retries and streaming of the real Batch API clients: the provider's answers are replaced just above
/// the socket (<see cref="TransportTap"/>), everything above is what runs in production.
/// </summary>
public sealed class ProviderBatchResilienceTests
{
    [Fact]
    public async Task A_5xx_on_getting_a_batch_is_retried()
    {
        var tap = new TransportTap();
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        var batch = await BatchRequests.StartAsync(host.Batches, "job-1.jsonl", ("row-1", BatchRequests.Single(1)));
        var path = $"GET /v1/batches/{batch.Id}";
        var failures = 1;
        tap.Answer = request => $"{request.Method} {request.RequestUri!.AbsolutePath}" == path && Interlocked.Decrement(ref failures) >= 0
            ? new HttpResponseMessage(HttpStatusCode.BadGateway)
            : null;

        var got = await host.Batches.GetBatchAsync(batch.Id, CancellationToken.None);

        Assert.Equal(batch.Id, got.Id);
        Assert.Equal(2, tap.Count(path));
    }

    [Fact]
    public async Task A_429_on_the_batch_api_is_waited_out_without_pausing_online_rows()
    {
        var tap = new TransportTap();
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        var batch = await BatchRequests.StartAsync(host.Batches, "job-4.jsonl", ("row-1", BatchRequests.Single(1)));
        var path = $"GET /v1/batches/{batch.Id}";
        var limited = 1;
        tap.Answer = request =>
        {
            if ($"{request.Method} {request.RequestUri!.AbsolutePath}" != path || Interlocked.Decrement(ref limited) < 0)
            {
                return null;
            }

            var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(3));
            return answer;
        };

        var polling = host.Batches.GetBatchAsync(batch.Id, CancellationToken.None);
        await Support.Eventually.TrueAsync(() => tap.Count(path) == 1, TimeSpan.FromSeconds(10), "the batch poll to be rate-limited");
        await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);
        var onlineDoneFirst = !polling.IsCompleted;
        var got = await polling;

        // The Batch API's 429 paused its own limit key only: a chat completion went out while the poll waited.
        Assert.True(onlineDoneFirst);
        Assert.Equal(batch.Id, got.Id);
        Assert.Equal(2, tap.Count(path));
    }

    [Fact]
    public async Task Starting_a_batch_is_not_retried_after_a_5xx_so_it_cannot_start_twice()
    {
        var tap = new TransportTap();
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        using var file = await BatchRequests.FileAsync(host.Batches, ("row-1", BatchRequests.Single(1)));
        var uploaded = await host.Batches.UploadAsync("job-2.jsonl", file, CancellationToken.None);
        var failures = 1;
        tap.Answer = request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/batches", StringComparison.Ordinal)
            && Interlocked.Decrement(ref failures) >= 0
            ? new HttpResponseMessage(HttpStatusCode.InternalServerError)
            : null;

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() =>
            host.Batches.CreateBatchAsync(uploaded.Id, "24h", new Dictionary<string, string>(), CancellationToken.None));
        var notStarted = await host.Batches.FindBatchForFileAsync(uploaded.Id, CancellationToken.None);
        var created = await host.Batches.CreateBatchAsync(uploaded.Id, "24h", new Dictionary<string, string>(), CancellationToken.None);

        Assert.Equal($"Starting a batch over file {uploaded.Id}: LLM Batch API returned HTTP 500 after 1 attempts.", failure.Message);
        Assert.Null(notStarted);
        Assert.Equal(uploaded.Id, created.InputFileId);
        Assert.Equal(2, tap.Count("POST /v1/batches"));
        Assert.Equal(1, host.Emulator.Batches.BatchesCreated);
    }

    [Fact]
    public async Task Results_are_read_as_the_file_arrives_not_after_it_has_all_arrived()
    {
        var tap = new TransportTap();
        var pipe = new Pipe();
        tap.Answer = request => request.RequestUri!.AbsolutePath == "/v1/files/file-out/content"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) }
            : null;
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);

        await using var results = host.Batches.ReadResultsAsync("file-out", CancellationToken.None).GetAsyncEnumerator();
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(OutputLine("row-1", "First.") + "\n"));
        var first = await results.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var firstLine = results.Current;
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(OutputLine("row-2", "Second.")));
        await pipe.Writer.CompleteAsync();
        var second = await results.MoveNextAsync();
        var secondLine = results.Current;
        var more = await results.MoveNextAsync();

        Assert.True(first);
        Assert.Equal("row-1", firstLine.CustomId);
        Assert.Equal("First.", firstLine.Completion!.Choices![0].Message!.Content);
        Assert.True(second);
        Assert.Equal("row-2", secondLine.CustomId);
        Assert.False(more);
    }

    [Fact]
    public async Task Unreadable_lines_become_results_that_say_so_and_the_rest_is_still_read()
    {
        var tap = new TransportTap();
        string[] lines =
        [
            OutputLine("row-1", "One."),
            "{\"custom_id\":\"row-2\",\"response\":{\"status_code\":200,\"bo",
            """{"id":"batch_req_3","response":{"status_code":200,"body":{}},"error":null}""",
            """{"id":"batch_req_4","custom_id":"row-4","response":{"status_code":200,"body":"<html>oops</html>"},"error":null}""",
            """{"hello":"world"}""",
            "",
            OutputLine("row-6", "Six."),
        ];
        tap.Answer = request => request.RequestUri!.AbsolutePath == "/v1/files/file-mixed/content"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(string.Join("\r\n", lines)) }
            : null;
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);

        var results = await BatchRequests.ReadAllAsync(host.Batches, "file-mixed");

        Assert.Equal([1, 2, 3, 4, 5, 7], results.Select(r => r.LineNumber));
        Assert.Equal("row-1", results[0].CustomId);
        Assert.True(results[0].IsSuccess);
        Assert.Equal(BatchResultLine.MalformedLine, results[1].ErrorCode);
        Assert.StartsWith("Line 2 of batch file file-mixed is not valid JSON", results[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Null(results[1].CustomId);
        Assert.Equal(BatchResultLine.MissingCustomId, results[2].ErrorCode);
        Assert.Equal("row-4", results[3].CustomId);
        Assert.Equal(BatchResultLine.MalformedCompletion, results[3].ErrorCode);
        Assert.Equal(BatchResultLine.MalformedLine, results[4].ErrorCode);
        Assert.Equal("row-6", results[5].CustomId);
        Assert.True(results[5].IsSuccess);
    }

    [Fact]
    public async Task A_download_that_breaks_off_throws_a_provider_error_after_the_lines_it_had()
    {
        var tap = new TransportTap();
        var pipe = new Pipe();
        tap.Answer = request => request.RequestUri!.AbsolutePath == "/v1/files/file-cut/content"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) }
            : null;
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(OutputLine("row-1", "One.") + "\n" + "{\"custom_id\":\"row-2\""));

        await using var results = host.Batches.ReadResultsAsync("file-cut", CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await results.MoveNextAsync());
        var first = results.Current;
        // The connection drops in the middle of the second line.
        await pipe.Writer.CompleteAsync(new IOException("The connection was reset."));
        var failure = await Assert.ThrowsAsync<ProviderCallException>(async () => await results.MoveNextAsync());

        Assert.Equal("row-1", first.CustomId);
        Assert.Equal("LLM Batch API broke off the download of batch file file-cut after 1 lines (The connection was reset.); read it again.", failure.Message);
    }

    [Fact]
    public async Task A_missing_output_file_says_that_output_files_expire()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => BatchRequests.ReadAllAsync(host.Batches, "file-gone"));

        Assert.StartsWith("Downloading batch file file-gone: the provider has no file file-gone (output files expire", failure.Message, StringComparison.Ordinal);
    }

    private static string OutputLine(string customId, string content) =>
        "{\"id\":\"batch_req_" + customId + "\",\"custom_id\":\"" + customId + "\",\"response\":{\"status_code\":200,\"request_id\":\"req_1\"," +
        "\"body\":{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}},\"error\":null}";
}
