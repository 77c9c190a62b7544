using Npgsql;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>Reminders through the real ADO.NET reminder table (Invariant "Npgsql") and the project's schema.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetReminderTests(PostgresServer server)
{
    [Fact]
    public async Task AReminderRegisteredInPostgresFiresRepeatedlyAndItsRowGoesAwayWhenUnregistered()
    {
        var serviceId = PostgresClusters.NewServiceId("reminder");
        var key = $"ticker-{Guid.NewGuid():N}";
        await using var cluster = await PostgresClusters.StartAsync(server, serviceId, withReminders: true);
        var grain = cluster.Client.GetGrain<ITickingGrain>(key);

        await grain.Start(TimeSpan.FromSeconds(1));

        var rows = await RemindersAsync(serviceId);
        var row = Assert.Single(rows);
        Assert.Equal(TickingGrain.ReminderName, row.Name);
        Assert.Equal(1000, row.PeriodMilliseconds);
        Assert.Contains(key, row.GrainId);

        await Eventually.TrueAsync(
            () => TickingGrain.Ticks.GetValueOrDefault(key) >= 2, TimeSpan.FromSeconds(30), "the reminder to fire twice");

        await grain.Stop();
        Assert.Empty(await RemindersAsync(serviceId));
    }

    private sealed record ReminderRow(string GrainId, string Name, long PeriodMilliseconds);

    private async Task<List<ReminderRow>> RemindersAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT GrainId, ReminderName, Period FROM OrleansRemindersTable WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<ReminderRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new ReminderRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
        }

        return rows;
    }
}
