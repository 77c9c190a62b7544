using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Processing;

/// <summary>Fails start-up on settings that would stall or overload the pipeline.</summary>
public sealed class ProcessingOptionsValidator : IValidateOptions<ProcessingOptions>
{
    public ValidateOptionsResult Validate(string? name, ProcessingOptions options)
    {
        var failures = new List<string>();
        if (options.MaxConcurrentRowsPerSilo is < 1 or > 100_000)
        {
            failures.Add($"Processing__MaxConcurrentRowsPerSilo must be between 1 and 100000 (got {options.MaxConcurrentRowsPerSilo}); 1 means sequential.");
        }

        if (options.ChunkSize is < 1 or > 10_000)
        {
            failures.Add($"Processing__ChunkSize must be between 1 and 10000 (got {options.ChunkSize}).");
        }

        if (options.MaxActiveChunksPerJob < 1)
        {
            failures.Add($"Processing__MaxActiveChunksPerJob must be at least 1 (got {options.MaxActiveChunksPerJob}).");
        }

        if (options.RowTimeout <= TimeSpan.Zero)
        {
            failures.Add($"Processing__RowTimeout must be positive (got {options.RowTimeout}).");
        }

        if (options.ResultFlushBatchSize < 1)
        {
            failures.Add($"Processing__ResultFlushBatchSize must be at least 1 (got {options.ResultFlushBatchSize}).");
        }

        if (options.ResultFlushInterval <= TimeSpan.Zero || options.PendingRowRetryInterval <= TimeSpan.Zero || options.ResumeInterval <= TimeSpan.Zero)
        {
            failures.Add("Processing__ResultFlushInterval, Processing__PendingRowRetryInterval and Processing__ResumeInterval must be positive.");
        }

        if (options.MaxLineLength is < 20 or > 5_000)
        {
            failures.Add($"Processing__MaxLineLength must be between 20 and 5000 (got {options.MaxLineLength}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
