using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using PersonalizedLine.Grains;

namespace PersonalizedLine.Silo.Storage;

/// <summary>The embedded profile's disk storage: every grain storage name and the reminder service on one SQLite file.</summary>
public static class SqliteStorageExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGrainStorage"/> under each of <see cref="StorageNames.All"/> and
    /// <see cref="SqliteReminderTable"/> as the reminder service, on the file in <c>Storage__Path</c>
    /// (<see cref="StorageOptions"/>, validated at start-up).
    /// </summary>
    public static ISiloBuilder AddDiskStateAndReminders(this ISiloBuilder silo)
    {
        // The database opens on first use, after options validation has checked (and created) the directory.
        silo.Services.AddSingleton(services => new SqliteStateDatabase(services.GetRequiredService<IOptions<StorageOptions>>().Value.EffectivePath));
        // Orleans' binary serializer for what is written (see SqliteGrainStorage); the configured one (JSON) reads files from before.
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(
            nameof(SqliteGrainStorage), (services, _) => ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services));
        foreach (var storage in StorageNames.All)
        {
            silo.Services.AddGrainStorage(storage, (services, name) => new SqliteGrainStorage(
                name,
                services.GetRequiredService<SqliteStateDatabase>(),
                services.GetRequiredKeyedService<IGrainStorageSerializer>(nameof(SqliteGrainStorage)),
                services.GetRequiredService<IGrainStorageSerializer>()));
        }

        silo.AddReminders();
        silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
        return silo;
    }

    /// <summary>The <c>Storage</c> section, checked at start-up (a disk directory must be creatable and writable).</summary>
    public static IServiceCollection AddStorageOptions(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        return services;
    }
}
