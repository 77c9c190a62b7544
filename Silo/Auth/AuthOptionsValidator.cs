using Microsoft.Extensions.Options;

namespace PersonalizedLine.Silo.Auth;

/// <summary>Fails start-up on settings the key store cannot work with.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"Auth__Mode must be None or ApiKeys (it is {options.Mode}).");
        }

        if (!Enum.IsDefined(options.KeyStore))
        {
            failures.Add($"Auth__KeyStore must be Auto, File or Postgres (it is {options.KeyStore}).");
        }

        if (string.IsNullOrWhiteSpace(options.KeyFile))
        {
            failures.Add("Auth__KeyFile must name a file (leave it unset for the default under your home directory).");
        }

        if (options.KeyCacheTtl < TimeSpan.Zero || options.KeyCacheTtl > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Auth__KeyCacheTtl must be between 0 and 5 minutes, since a revoked key works until it passes (it is {options.KeyCacheTtl}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
