namespace PersonalizedLine.Silo.Storage;

/// <summary>Grain state and reminders of the embedded profile (the <c>Storage</c> section).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The name of the folder under the user's local application data that holds the state by default.</summary>
    public const string DefaultFolderName = "PersonalizedLine";

    public StorageMode Mode { get; set; } = StorageMode.Disk;

    /// <summary>
    /// The data directory (created when missing). Empty means <see cref="DefaultFolderName"/> under the user's local
    /// application data (<c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows).
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The directory in use: <see cref="Path"/>, or the default one; empty when the platform has no such folder.</summary>
    public string EffectivePath
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Path))
            {
                return System.IO.Path.GetFullPath(Path);
            }

            var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            return string.IsNullOrEmpty(local) ? string.Empty : System.IO.Path.Combine(local, DefaultFolderName);
        }
    }
}
