using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>Fails start-up on webhook settings that would sign weakly, never deliver, or retry without end.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>Shorter secrets are guessable; receivers' generated secrets (Stripe's, GitHub's advice) are far longer.</summary>
    public const int MinSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        if (options.HasSecret && options.Secret!.Trim().Length < MinSecretLength)
        {
            failures.Add($"Webhook__Secret must be at least {MinSecretLength} characters (got {options.Secret.Trim().Length}); use a long random string, e.g. `openssl rand -hex 32`.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Webhook__Timeout must be more than 0 and at most 5 minutes (got {options.Timeout}).");
        }

        if (options.MaxAttempts is < 1 or > 50)
        {
            failures.Add($"Webhook__MaxAttempts must be between 1 and 50 (got {options.MaxAttempts}).");
        }

        if (options.InitialBackoff <= TimeSpan.Zero || options.MaxBackoff < options.InitialBackoff)
        {
            failures.Add($"Webhook__InitialBackoff must be positive and Webhook__MaxBackoff at least as long (got {options.InitialBackoff} and {options.MaxBackoff}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
