using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>Fails start-up on a timeout or retention that could never fire or would fire at once.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    /// <summary>The longest upload stall allowed: well below the 49 days a reminder accepts as its first due time.</summary>
    public static readonly TimeSpan MaxUploadTimeout = TimeSpan.FromDays(7);

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var failures = new List<string>();
        if (options.UploadTimeout <= TimeSpan.Zero || options.UploadTimeout > MaxUploadTimeout)
        {
            failures.Add($"Jobs__UploadTimeout must be positive and at most 7 days (got {options.UploadTimeout}).");
        }

        if (options.Retention <= TimeSpan.Zero)
        {
            failures.Add($"Jobs__Retention must be positive (got {options.Retention}); finished jobs hold personal data.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
