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
    public static IServiceCollection AddPersonalizedLineCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProcessingOptions>, ProcessingOptionsValidator>();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>();
        services.AddOptions<ClusterProfileOptions>().BindConfiguration(ClusterProfileOptions.SectionName);

        services.AddLeadProviders(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RowConcurrencyLimiter>();
        services.AddSingleton<ResearchCache>();
        services.AddSingleton<RowProcessor>();
        services.AddSingleton<JobSubmitter>();
        services.AddSingleton<JobResultWriter>();
        return services;
    }
}
