using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>Grain state and reminders in PostgreSQL through the Orleans ADO.NET providers (schema: <c>sql/postgresql-orleans.sql</c>).</summary>
public static class PostgresStorageExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>
    /// A grain storage provider on the generic OrleansStorage table. A cleared state deletes its row
    /// (<see cref="AdoNetGrainStorageOptions.DeleteStateOnClear"/>): the provider's default keeps the row with a null
    /// payload, which would leave a trace of every deleted job, chunk and input behind for ever. Payloads are written in
    /// Orleans' binary form and read in it or in the JSON of earlier versions (<see cref="BinaryStateSerializer"/>).
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder silo, string name, string connectionString)
    {
        // One serializer for every storage name registered here.
        silo.Services.TryAddKeyedSingleton<IGrainStorageSerializer>(nameof(BinaryStateSerializer), (services, _) => new BinaryStateSerializer(
            ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
            services.GetRequiredService<IGrainStorageSerializer>()));
        return silo.AddAdoNetGrainStorage(name, options => options.Configure<IServiceProvider>((options, services) =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.DeleteStateOnClear = true;
            options.GrainStorageSerializer = services.GetRequiredKeyedService<IGrainStorageSerializer>(nameof(BinaryStateSerializer));
        }));
    }

    /// <summary>The reminder service on OrleansRemindersTable; an unregistered reminder deletes its row.</summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder silo, string connectionString) =>
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
        });
}
