using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.SharedRequests;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.SharedRequests;

/// <summary>How rows gather into shared requests: full, split at the token cap, partial after the wait, withdrawn.</summary>
public sealed class SharedRequestBatcherTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task A_full_request_leaves_at_once_and_every_row_gets_its_own_line()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 3), CancellationToken.None)));

        Assert.Equal(2, writer.Requests.Count);
        Assert.Equal([["0", "1", "2"], ["3", "4", "5"]], writer.Requests.Select(RecordingSharedWriter.IdsOf).OrderBy(ids => ids[0]));
        Assert.Equal(Enumerable.Range(0, 6).Select(row => $"Line for row {row}"), outcomes.Select(o => o.Outcome.Line));
    }

    [Fact]
    public async Task Usage_adds_up_to_what_the_provider_counted()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 3), CancellationToken.None)));

        Assert.Equal(100, outcomes.Sum(o => o.Usage.PromptTokens));
        Assert.Equal(31, outcomes.Sum(o => o.Usage.CompletionTokens));
        Assert.Equal(1, outcomes.Sum(o => o.Usage.LlmRequests));
        Assert.Equal(1, outcomes.Sum(o => o.Usage.RateLimitedAnswers));
    }

    [Fact]
    public async Task A_partial_request_leaves_after_the_wait()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);

        var waiting = Enumerable.Range(0, 4).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 10), CancellationToken.None)).ToList();
        Assert.Empty(writer.Requests);
        Assert.All(waiting, task => Assert.False(task.IsCompleted));

        _time.Advance(new LlmOptions().RowsPerRequestWait);
        var outcomes = await Task.WhenAll(waiting).WaitAsync(Deadline);

        var request = Assert.Single(writer.Requests);
        Assert.Equal(4, request.Rows);
        Assert.All(outcomes, o => Assert.NotNull(o.Outcome.Line));
    }

    [Fact]
    public async Task A_row_left_on_its_own_goes_alone_the_ordinary_way()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);

        var waiting = batcher.WriteAsync(Entry(0, rowsPerRequest: 10), CancellationToken.None);
        _time.Advance(new LlmOptions().RowsPerRequestWait);
        var outcome = await waiting.WaitAsync(Deadline);

        Assert.Same(SharedRowLine.Alone, outcome.Outcome);
        Assert.Empty(writer.Requests);
    }

    [Fact]
    public async Task Rows_of_different_jobs_never_share_a_request()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);

        var waiting = Enumerable.Range(0, 4).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 2, job: row % 2 == 0 ? "a" : "b"), CancellationToken.None));
        await Task.WhenAll(waiting).WaitAsync(Deadline);

        Assert.Equal([["0", "2"], ["1", "3"]], writer.Requests.Select(RecordingSharedWriter.IdsOf).OrderBy(ids => ids[0]));
    }

    [Fact]
    public async Task A_request_is_split_before_it_outgrows_the_token_cap()
    {
        var writer = new RecordingSharedWriter();
        // 6,000 tokens a minute: a shared request may count 1,500, which 3 rows of ~1,000 characters cannot share.
        var batcher = Batcher(writer, new LlmOptions { TokensPerMinute = 6_000 });
        var research = new string('r', 1_000);

        var waiting = Enumerable.Range(0, 6).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 6, research), CancellationToken.None)).ToList();
        _time.Advance(new LlmOptions().RowsPerRequestWait);
        await Task.WhenAll(waiting).WaitAsync(Deadline);

        var tokens = new TokenCostEstimator();
        Assert.True(writer.Requests.Count >= 2, $"{writer.Requests.Count} request(s)");
        Assert.All(writer.Requests, request =>
            Assert.True(tokens.RequestCost(request.SystemPrompt.Length + request.UserPrompt.Length, request.MaxTokens) <= 1_500,
                $"a request of {request.Rows} rows"));
        Assert.Equal(6, writer.Requests.Sum(r => r.Rows) + waiting.Count(t => t.Result.Outcome == SharedRowLine.Alone));
    }

    [Fact]
    public async Task A_token_limit_the_provider_announced_splits_requests_when_none_is_configured()
    {
        var writer = new RecordingSharedWriter();
        var advertised = new AdvertisedTokenLimits();
        advertised.Observe("model", 6_000);
        var batcher = Batcher(writer, advertised: advertised);
        var research = new string('r', 1_000);

        var waiting = Enumerable.Range(0, 6).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 6, research), CancellationToken.None)).ToList();
        _time.Advance(new LlmOptions().RowsPerRequestWait);
        await Task.WhenAll(waiting).WaitAsync(Deadline);

        var tokens = new TokenCostEstimator();
        Assert.True(writer.Requests.Count >= 2, $"{writer.Requests.Count} request(s)");
        Assert.All(writer.Requests, request =>
            Assert.True(tokens.RequestCost(request.SystemPrompt.Length + request.UserPrompt.Length, request.MaxTokens) <= 1_500,
                $"a request of {request.Rows} rows"));
    }

    [Fact]
    public async Task A_withdrawn_row_leaves_the_request_to_the_others()
    {
        var writer = new RecordingSharedWriter(holdAnswers: true);
        var batcher = Batcher(writer);
        using var cancelled = new CancellationTokenSource();

        var first = batcher.WriteAsync(Entry(0, rowsPerRequest: 2), cancelled.Token);
        var second = batcher.WriteAsync(Entry(1, rowsPerRequest: 2), CancellationToken.None);
        await Eventually.TrueAsync(() => !writer.Requests.IsEmpty, Deadline, "the shared request to leave");
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Deadline));
        Assert.False(writer.Tokens.Single().IsCancellationRequested);
        writer.Release();
        Assert.Equal("Line for row 1", (await second.WaitAsync(Deadline)).Outcome.Line);
    }

    [Fact]
    public async Task The_request_is_cancelled_once_every_row_is_withdrawn()
    {
        var writer = new RecordingSharedWriter(holdAnswers: true);
        var batcher = Batcher(writer);
        using var cancelled = new CancellationTokenSource();

        var rows = Enumerable.Range(0, 2).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 2), cancelled.Token)).ToList();
        await Eventually.TrueAsync(() => !writer.Requests.IsEmpty, Deadline, "the shared request to leave");
        await cancelled.CancelAsync();

        foreach (var row in rows)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => row.WaitAsync(Deadline));
        }

        Assert.True(writer.Tokens.Single().IsCancellationRequested);
    }

    [Fact]
    public async Task A_row_withdrawn_while_gathering_is_not_sent()
    {
        var writer = new RecordingSharedWriter();
        var batcher = Batcher(writer);
        using var cancelled = new CancellationTokenSource();

        var withdrawn = batcher.WriteAsync(Entry(0, rowsPerRequest: 3), cancelled.Token);
        await cancelled.CancelAsync();
        var others = Enumerable.Range(1, 3).Select(row => batcher.WriteAsync(Entry(row, rowsPerRequest: 3), CancellationToken.None)).ToList();
        await Task.WhenAll(others).WaitAsync(Deadline);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withdrawn);
        Assert.Equal(["1", "2", "3"], RecordingSharedWriter.IdsOf(Assert.Single(writer.Requests)));
    }

    [Fact]
    public void Without_a_real_llm_rows_do_not_share_requests()
    {
        Assert.False(Batcher(new OfflineLineWriter()).IsAvailable);
        Assert.True(Batcher(new RecordingSharedWriter()).IsAvailable);
    }

    private SharedRequestBatcher Batcher(ILineWriter writer, LlmOptions? llm = null, AdvertisedTokenLimits? advertised = null) => new(
        writer, Options.Create(llm ?? new LlmOptions()), Options.Create(new ProcessingOptions()), new TokenCostEstimator(),
        advertised ?? new AdvertisedTokenLimits(), _time, NullLogger<SharedRequestBatcher>.Instance);

    private static SharedRowEntry Entry(int row, int rowsPerRequest, string research = "Research.", string job = "job") => new(
        job, "model", "Write to {first_name} at {company}.", rowsPerRequest, row,
        SharedPromptBuilder.RowJson(row, new Dictionary<string, string> { ["first_name"] = $"Ada{row}", ["company"] = $"Company{row}" }, research),
        $"Company{row}", null);
}
