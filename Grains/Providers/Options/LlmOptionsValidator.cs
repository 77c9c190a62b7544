using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Fails start-up on LLM settings that could only fail every row later.</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        const string section = LlmOptions.SectionName;
        var failures = new List<string>();
        OptionsChecks.BaseUrl(section, options.BaseUrl, failures);
        OptionsChecks.Positive(section, nameof(options.MaxTokens), options.MaxTokens, failures);
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{section}__Model must name a model, e.g. 'llama-3.1-8b-instant'.");
        }

        if (options.Temperature is < 0 or > 2 || double.IsNaN(options.Temperature))
        {
            failures.Add($"{section}__Temperature must be between 0 and 2, but is {options.Temperature}.");
        }

        if (options.TokensPerMinute < 0)
        {
            failures.Add($"{section}__TokensPerMinute must be zero (no limit configured) or more, but is {options.TokensPerMinute}.");
        }
        else if (options.TokensPerMinute > 0 && options.MaxTokens >= options.TokensPerMinute)
        {
            failures.Add($"{section}__MaxTokens ({options.MaxTokens}) must be well below {section}__TokensPerMinute ({options.TokensPerMinute}): " +
                "every request is admitted for its prompt plus MaxTokens.");
        }

        if (options.RowsPerRequest is < 1 or > LlmOptions.MaxRowsPerRequest)
        {
            failures.Add($"{section}__RowsPerRequest must be between 1 and {LlmOptions.MaxRowsPerRequest}, but is {options.RowsPerRequest}.");
        }

        if (options.RowsPerRequestWait <= TimeSpan.Zero || options.RowsPerRequestWait > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{section}__RowsPerRequestWait must be more than zero and at most a minute (a row waits that long for company), but is {options.RowsPerRequestWait}.");
        }

        if (options.ContextTokens <= options.MaxTokens)
        {
            failures.Add($"{section}__ContextTokens ({options.ContextTokens}) must be more than {section}__MaxTokens ({options.MaxTokens}): it is the model's whole context window.");
        }

        LlmBatchChecks.Validate(options, failures);
        OptionsChecks.Resilience(section, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
