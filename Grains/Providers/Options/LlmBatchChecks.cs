using System.Globalization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>The batch-mode part of <see cref="LlmOptionsValidator"/>: values the Batch API would refuse, caught at start-up.</summary>
internal static class LlmBatchChecks
{
    public static void Validate(LlmOptions options, List<string> failures)
    {
        const string section = LlmOptions.SectionName;
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{section}__Mode must be Online or Batch, but is {options.Mode}.");
        }

        if (!Enum.IsDefined(options.BatchRetry))
        {
            failures.Add($"{section}__BatchRetry must be Online or Batch, but is {options.BatchRetry}.");
        }

        if (!IsCompletionWindow(options.BatchCompletionWindow))
        {
            failures.Add($"{section}__BatchCompletionWindow must be hours or days between 24h and 7d (OpenAI accepts only '24h'), but is '{options.BatchCompletionWindow}'.");
        }

        if (options.MaxRequestsPerBatch is < 1 or > LlmOptions.BatchRequestLimit)
        {
            failures.Add($"{section}__MaxRequestsPerBatch must be between 1 and {LlmOptions.BatchRequestLimit} (the providers' cap), but is {options.MaxRequestsPerBatch}.");
        }

        if (options.MaxBatchFileBytes is < 1024 or > LlmOptions.BatchFileByteLimit)
        {
            failures.Add($"{section}__MaxBatchFileBytes must be between 1024 and {LlmOptions.BatchFileByteLimit} (200 MB, the providers' cap), but is {options.MaxBatchFileBytes}.");
        }

        if (options.BatchPollInterval <= TimeSpan.Zero || options.BatchPollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{section}__BatchPollInterval must be more than zero and at most an hour (e.g. 00:01:00), but is {options.BatchPollInterval}.");
        }

        OptionsChecks.Positive(section, nameof(options.BatchUploadTimeout), options.BatchUploadTimeout, failures);
    }

    /// <summary>"24h", "48h", "7d": a whole number of hours or days, from one day to a week.</summary>
    public static bool IsCompletionWindow(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 2
            || !int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var hours = value[^1] switch
        {
            'h' => amount,
            'd' => amount * 24L,
            _ => -1L,
        };
        return hours is >= 24 and <= 7 * 24;
    }
}
