using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Fails start-up on research settings that could only fail every row later.</summary>
public sealed class ResearchOptionsValidator : IValidateOptions<ResearchOptions>
{
    public ValidateOptionsResult Validate(string? name, ResearchOptions options)
    {
        const string section = ResearchOptions.SectionName;
        var failures = new List<string>();
        OptionsChecks.BaseUrl(section, options.BaseUrl, failures);
        OptionsChecks.Positive(section, nameof(options.ResultsPerQuery), options.ResultsPerQuery, failures);
        OptionsChecks.Positive(section, nameof(options.SummaryMaxChars), options.SummaryMaxChars, failures);
        if (string.IsNullOrWhiteSpace(options.Country) || string.IsNullOrWhiteSpace(options.Language))
        {
            failures.Add($"{section}__Country and {section}__Language must not be empty (e.g. 'us' and 'en').");
        }

        if (options.CacheTtl < TimeSpan.Zero)
        {
            failures.Add($"{section}__CacheTtl must be zero (no reuse) or a positive duration (e.g. 7.00:00:00), but is {options.CacheTtl}.");
        }

        OptionsChecks.Resilience(section, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
