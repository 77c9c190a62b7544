using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.Grains.SharedRequests;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Silo.Hosting;

public static class ServiceCollectionExtensions
{
    /// <summary>Everything the grains and the submit/download path need, with options validated at start-up.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="processesRows">
    /// False for a pure client (the API of a cluster): rows run on the silos, so it needs no providers, limiter or
    /// cache, and must not announce offline providers it does not use. It still reads the <c>Llm</c> and <c>Research</c>
    /// sections: the default model a job is submitted with, and the limits and search settings estimates use.
    /// </param>
    public static IServiceCollection AddPersonalizedLineCore(this IServiceCollection services, IConfiguration configuration, bool processesRows = true)
    {
        services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessingOptions>, ProcessingOptionsValidator>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobResultWriter>();
        services.AddOptions<PricingOptions>().BindConfiguration(PricingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PricingOptions>, PricingOptionsValidator>();
        services.AddSingleton<CostCalculator>();
        services.AddSingleton<IResearchCacheProbe, GrainResearchCacheProbe>();
        services.AddSingleton<JobEstimator>();
        services.AddJobWebhooks(delivers: processesRows);
        if (!processesRows)
        {
            // Estimates need the default model and limits, and the search settings that are part of a research cache key.
            services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
            services.AddOptions<ResearchOptions>().Bind(configuration.GetSection(ResearchOptions.SectionName));
            return services;
        }

        services.AddLeadProviders(configuration);
        services.AddSingleton<RowConcurrencyLimiter>();
        services.AddClusterResearchCache();
        services.AddSingleton<ProviderLimitProgress>();
        services.AddSingleton<SharedRequestBatcher>();
        services.AddSingleton<RowLineSender>();
        services.AddSingleton<RowProcessor>();
        services.AddSingleton<RowRunners>();
        services.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        return services;
    }
}
