using System.Text.Json;

namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// Keys in a JSON file on this machine (the embedded profile): the command line writes it, the API reads it. A change
/// is written to a temporary file and renamed over the old one, under a lock file, so a reader never sees half a file
/// and two writers never lose each other's key. The file holds hashes only; it is still made readable by its owner alone.
/// </summary>
public sealed class FileApiKeyStore(string path) : IApiKeyStore
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };
    private static readonly TimeSpan LockDeadline = TimeSpan.FromSeconds(10);

    public string Path { get; } = path;

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken) =>
        await ChangeAsync(keys =>
        {
            if (keys.Any(existing => existing.Id == key.Id))
            {
                throw new InvalidOperationException($"A key with id {key.Id} already exists.");
            }

            keys.Add(StoredApiKey.From(key));
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken)).Select(key => key.ToApiKey()).ToList();

    public async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken)).FirstOrDefault(key => key.Id == id)?.ToApiKey();

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(keys =>
        {
            var index = keys.FindIndex(key => key.Id == id);
            if (index < 0)
            {
                return false;
            }

            keys[index] = keys[index] with { RevokedAt = keys[index].RevokedAt ?? at };
            return true;
        }, cancellationToken);

    private async Task<List<StoredApiKey>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            return await JsonSerializer.DeserializeAsync<List<StoredApiKey>>(file, Json, cancellationToken) ?? [];
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The API key file {Path} is not valid JSON ({ex.Message}). Fix or delete it; keys in it stop working.", ex);
        }
    }

    private async Task<bool> ChangeAsync(Func<List<StoredApiKey>, bool> change, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
        await using var fileLock = await LockAsync(cancellationToken);
        var keys = await ReadAsync(cancellationToken);
        if (!change(keys))
        {
            return false;
        }

        var temporary = Path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(file, keys, Json, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
        return true;
    }

    /// <summary>An exclusive lock on a file beside the key file (left in place: deleting it would race a waiting writer).</summary>
    private async Task<FileStream> LockAsync(CancellationToken cancellationToken)
    {
        var giveUpAt = DateTime.UtcNow + LockDeadline;
        while (true)
        {
            try
            {
                return new FileStream(Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUpAt)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }
}
