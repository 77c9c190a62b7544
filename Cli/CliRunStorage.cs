using Microsoft.Extensions.Configuration;
using PersonalizedLine.Silo.Storage;

namespace PersonalizedLine.Cli;

/// <summary>
/// Where a one-shot run keeps its job state: on disk, so memory stays flat however large the file, but in a folder of
/// its own under the data directory (<c>Storage__Path</c>/cli-runs/…) that is deleted when the run ends. A run never
/// re-attaches to a job, so state that outlived it would only let a later run resume rows (and spend provider
/// calls) whose output nobody reads; a folder left by a killed run is removed by the next run.
/// </summary>
internal sealed class CliRunStorage : IDisposable
{
    private const string RunsFolderName = "cli-runs";

    private readonly string? _directory;

    private CliRunStorage(string? directory) => _directory = directory;

    /// <summary>Points <c>Storage:Path</c> at a fresh run folder (disk mode only); the options validator reports an unusable directory.</summary>
    public static CliRunStorage Prepare(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new();
        if (options.Mode != StorageMode.Disk || string.IsNullOrEmpty(options.EffectivePath))
        {
            return new(null);
        }

        var runs = Path.Combine(options.EffectivePath, RunsFolderName);
        var directory = Path.Combine(runs, Guid.NewGuid().ToString("N"));
        configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Path)}"] = directory;
        RemoveAbandoned(runs);
        return new(directory);
    }

    public void Dispose() => TryDelete(_directory);

    private static void RemoveAbandoned(string runs)
    {
        if (!Directory.Exists(runs))
        {
            return;
        }

        foreach (var run in Directory.EnumerateDirectories(runs))
        {
            var lockFile = Path.Combine(run, SqliteStateDatabase.LockFileName);
            try
            {
                // A running run holds its lock exclusively; opening it means nobody uses the folder any more.
                using (File.Exists(lockFile) ? new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None) : null)
                {
                }

                TryDelete(run);
            }
            catch (IOException)
            {
                // Another run is using it.
            }
        }
    }

    private static void TryDelete(string? directory)
    {
        try
        {
            if (directory is not null && Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run to remove.
        }
    }
}
