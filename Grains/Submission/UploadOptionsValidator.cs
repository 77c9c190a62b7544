using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Submission;

public sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options)
    {
        var failures = new List<string>();
        if (options.MaxFileBytes < 1)
        {
            failures.Add($"Upload__MaxFileBytes must be positive (got {options.MaxFileBytes}).");
        }

        if (options.MaxRows < 1)
        {
            failures.Add($"Upload__MaxRows must be positive (got {options.MaxRows}).");
        }

        if (options.MaxFieldChars < 1 || options.MaxColumns < 1)
        {
            failures.Add("Upload__MaxFieldChars and Upload__MaxColumns must be positive.");
        }

        if (options.BatchRows is < 1 or > 10_000)
        {
            failures.Add($"Upload__BatchRows must be between 1 and 10000 (got {options.BatchRows}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
