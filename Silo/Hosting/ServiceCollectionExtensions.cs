using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Silo.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the grains and the submit/download path need, with options validated at start-up.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="processesRows">
    /// False for a pure client (the API of a cluster): rows run on the silos, so it needs no providers, limiter or
    /// research cache, and must not announce offline providers it does not use. It still reads <c>Llm__Model</c>, the default
    /// model a job is submitted with.
    /// </param>
    public static IServiceCollection AddPersonalizedLineCore(this IServiceCollection services, IConfiguration configuration, bool processesRows = true)
    {
        services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessingOptions>, ProcessingOptionsValidator>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobResultWriter>();
        if (!processesRows)
        {
            services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
            return services;
        }

        services.AddLeadProviders(configuration);
        services.AddSingleton<RowConcurrencyLimiter>();
        services.AddClusterResearchCache();
        services.AddSingleton<RowProcessor>();
        return services;
    }
}
