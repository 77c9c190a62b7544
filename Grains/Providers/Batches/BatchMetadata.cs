using System.Globalization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>OpenAI's limits on a batch's metadata, checked before the call so the mistake is named in our words.</summary>
internal static class BatchMetadata
{
    public const int MaxPairs = 16;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 512;

    public static void Validate(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (metadata.Count > MaxPairs)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A batch takes at most {MaxPairs} metadata pairs, not {metadata.Count}."), nameof(metadata));
        }

        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || value is null || value.Length > MaxValueLength)
            {
                throw new ArgumentException(
                    $"Batch metadata '{key}' must have a key of 1 to {MaxKeyLength} characters and a value of at most {MaxValueLength}.", nameof(metadata));
            }
        }
    }
}
