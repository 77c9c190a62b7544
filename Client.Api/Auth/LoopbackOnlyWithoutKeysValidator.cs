using Microsoft.Extensions.Options;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// Refuses to start the API with <c>Auth__Mode=None</c> on an address other machines can reach: with no keys anyone
/// there could read every job's lead data and open the Dashboard.
/// </summary>
public sealed class LoopbackOnlyWithoutKeysValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (options.Mode != AuthMode.None || ListenAddresses.NonLoopback(configuration) is not { Count: > 0 } outside)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"The API would listen on {string.Join(", ", outside)} with Auth__Mode=None, so anyone who can reach it could read every job. " +
            "Set Auth__Mode=ApiKeys and create a key (personalizedline keys create --tenant <name> --admin), " +
            "or listen on loopback only (e.g. ASPNETCORE_URLS=http://127.0.0.1:5000).");
    }
}
