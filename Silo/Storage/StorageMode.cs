namespace PersonalizedLine.Silo.Storage;

/// <summary>Where the single-process profile keeps grain state and reminders (<c>Storage__Mode</c>).</summary>
public enum StorageMode
{
    /// <summary>
    /// A SQLite file under <c>Storage__Path</c>: memory stays flat however large the files, and jobs resume after the
    /// process restarts. The default.
    /// </summary>
    Disk = 0,

    /// <summary>
    /// Process memory: nothing is written to disk and nothing survives a restart, and every chunk's rows stay in
    /// memory until the process ends. For tests and benchmarks that must not leave files behind or that compare
    /// against disk.
    /// </summary>
    Memory = 1,
}
