namespace PersonalizedLine.Grains.Providers;

/// <summary>Checks shared by the provider option validators; each failure names the setting to fix.</summary>
internal static class OptionsChecks
{
    public static void BaseUrl(string section, string? value, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}__BaseUrl must be an absolute http(s) URL, but is '{value}'.");
        }
    }

    public static void Positive(string section, string name, int value, List<string> failures)
    {
        if (value <= 0)
        {
            failures.Add($"{section}__{name} must be a positive number, but is {value}.");
        }
    }

    public static void Positive(string section, string name, TimeSpan value, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{section}__{name} must be a positive duration (e.g. 00:00:20), but is {value}.");
        }
    }

    public static void Resilience(string section, ProviderResilienceOptions options, List<string> failures)
    {
        Positive(section, nameof(options.AttemptTimeout), options.AttemptTimeout, failures);
        Positive(section, nameof(options.TotalTimeout), options.TotalTimeout, failures);
        Positive(section, nameof(options.RateLimitFallbackDelay), options.RateLimitFallbackDelay, failures);
        Positive(section, nameof(options.RetryBaseDelay), options.RetryBaseDelay, failures);
        Positive(section, nameof(options.AccountPauseThreshold), options.AccountPauseThreshold, failures);
        Positive(section, nameof(options.AccountFaultHold), options.AccountFaultHold, failures);
        if (options.MaxRetries < 0)
        {
            failures.Add($"{section}__MaxRetries must be zero or more, but is {options.MaxRetries}.");
        }

        if (options.MaxTimeoutRetries < 0)
        {
            failures.Add($"{section}__MaxTimeoutRetries must be zero or more, but is {options.MaxTimeoutRetries}.");
        }

        if (options.MaxRateLimitWaits < 0)
        {
            failures.Add($"{section}__MaxRateLimitWaits must be zero or more, but is {options.MaxRateLimitWaits}.");
        }

        if (options.RequestsPerMinute < 0)
        {
            failures.Add($"{section}__RequestsPerMinute must be zero (no limit configured) or more, but is {options.RequestsPerMinute}.");
        }

        if (options.TotalTimeout > TimeSpan.Zero && options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add($"{section}__AttemptTimeout ({options.AttemptTimeout}) must not exceed {section}__TotalTimeout ({options.TotalTimeout}).");
        }
    }
}
