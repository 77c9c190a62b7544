using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Silo.Auth;

/// <summary>Registers the auth options, the key store chosen by <see cref="ApiKeyStoreFactory"/>, and the key issuer and verifier.</summary>
public static class AuthServiceCollectionExtensions
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QuotaOptions>, QuotaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => ApiKeyStoreFactory.Create(
            provider.GetRequiredService<IOptions<AuthOptions>>().Value, provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton<ApiKeyIssuer>();
        services.AddSingleton<ApiKeyVerifier>();
        return services;
    }
}
