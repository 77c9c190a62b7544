using System.Collections.Concurrent;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The emulated Batches API's batches, in memory for the emulator's lifetime (a product restart keeps them).</summary>
internal sealed class BatchStore
{
    private readonly ConcurrentDictionary<string, EmulatedBatch> _batches = new();
    private long _sequence;

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    public void Add(EmulatedBatch batch) => _batches[batch.Id] = batch;

    public EmulatedBatch? Find(string id) => _batches.GetValueOrDefault(id);

    /// <summary>Newest first, starting after the batch <paramref name="after"/> when given (OpenAI's cursor).</summary>
    public IReadOnlyList<EmulatedBatch> List(string? after)
    {
        var all = _batches.Values.OrderByDescending(b => b.Sequence);
        return (after is not null && Find(after) is { } cursor ? all.Where(b => b.Sequence < cursor.Sequence) : all).ToList();
    }

    public void Clear() => _batches.Clear();
}
