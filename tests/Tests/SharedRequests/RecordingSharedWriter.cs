using System.Collections.Concurrent;
using System.Text.Json;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.SharedRequests;

/// <summary>
/// A line writer that records every shared request and answers each row with "Line for row N" (from the ids it was
/// sent), optionally held until the test releases it.
/// </summary>
internal sealed class RecordingSharedWriter : ILineWriter, ISharedLineWriter
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RecordingSharedWriter(bool holdAnswers = false)
    {
        if (!holdAnswers)
        {
            _release.SetResult();
        }
    }

    public ConcurrentQueue<SharedLineRequest> Requests { get; } = new();

    public ConcurrentQueue<CancellationToken> Tokens { get; } = new();

    public bool IsOffline => false;

    public void Release() => _release.TrySetResult();

    public static IReadOnlyList<string> IdsOf(SharedLineRequest request)
    {
        using var array = JsonDocument.Parse(request.UserPrompt.Split('\n')[^1]);
        return array.RootElement.EnumerateArray().Select(row => row.GetProperty("id").GetString()!).ToList();
    }

    public Task<LineDraft> WriteLineAsync(LineRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The batcher never sends a row alone itself.");

    public async Task<SharedLineAnswer> WriteSharedAsync(SharedLineRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Tokens.Enqueue(cancellationToken);
        await _release.Task.WaitAsync(cancellationToken);
        var lines = IdsOf(request).Select(id => new { id, line = $"Line for row {id}" });
        return new SharedLineAnswer(JsonSerializer.Serialize(new { lines }), "stop", PromptTokens: 100, CompletionTokens: 31, RateLimitedAnswers: 1);
    }
}
