using Microsoft.Extensions.Options;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// At start-up, a disk data directory must exist or be creatable, and be writable: otherwise the first job would fail
/// deep inside a grain instead of the process refusing to start with a message naming the setting.
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.IsDefined(options.Mode))
        {
            return ValidateOptionsResult.Fail($"Storage__Mode must be {StorageMode.Disk} or {StorageMode.Memory}.");
        }

        if (options.Mode != StorageMode.Disk)
        {
            return ValidateOptionsResult.Success;
        }

        var path = options.EffectivePath;
        if (string.IsNullOrEmpty(path))
        {
            return ValidateOptionsResult.Fail(
                "This system has no local application data folder for job state. Set Storage__Path to a writable directory, or Storage__Mode=Memory.");
        }

        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ValidateOptionsResult.Fail(
                $"Storage__Path '{path}' cannot be created or written to ({ex.Message}). Point Storage__Path at a writable directory, or set Storage__Mode=Memory.");
        }
    }
}
