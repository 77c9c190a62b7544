namespace PersonalizedLine.Tests.Support;

/// <summary>
/// A fresh data directory (<c>Storage__Path</c>) for one test host, deleted on dispose: no two hosts share a SQLite
/// file, and no test sees another's jobs.
/// </summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = ServerProcess.CreateTempDirectory("pl-data");

    /// <summary>The settings that put an embedded host's state in this directory (configuration-key form).</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Storage:Mode", "Disk"),
        new("Storage:Path", Path),
    ];

    public void Dispose() => ServerProcess.DeleteDirectory(Path);
}
