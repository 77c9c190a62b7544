namespace PersonalizedLine.Tests.Support;

/// <summary>
/// A fresh data directory (<c>Storage__Path</c>) for one test host, deleted on dispose: no two hosts share a SQLite
/// file, and no test sees another's jobs.
/// </summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = ServerProcess.CreateTempDirectory("pl-data");

    /// <summary>Puts an embedded host's state in this directory (configuration-key form; use <c>__</c> for environment variables).</summary>
    public void AddTo(IDictionary<string, string?> settings, string separator = ":")
    {
        settings[$"Storage{separator}Mode"] = "Disk";
        settings[$"Storage{separator}Path"] = Path;
    }

    public void Dispose() => ServerProcess.DeleteDirectory(Path);
}
