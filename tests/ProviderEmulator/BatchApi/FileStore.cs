using System.Collections.Concurrent;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The emulated Files API's files, in memory for the emulator's lifetime (a product restart keeps them).</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new();
    private long _sequence;

    public StoredFile Add(string filename, string purpose, byte[] content)
    {
        var file = new StoredFile(OpenAiIds.New("file-"), Interlocked.Increment(ref _sequence), filename, purpose, content,
            DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        _files[file.Id] = file;
        return file;
    }

    public StoredFile? Find(string id) => _files.GetValueOrDefault(id);

    public bool Remove(string id) => _files.TryRemove(id, out _);

    /// <summary>Newest first; all purposes when <paramref name="purpose"/> is null.</summary>
    public IReadOnlyList<StoredFile> List(string? purpose) =>
        _files.Values.Where(f => purpose is null || f.Purpose == purpose).OrderByDescending(f => f.Sequence).ToList();

    public void Clear() => _files.Clear();
}
