using Npgsql;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// Deleting means no row is left in PostgreSQL: the product's grain storage deletes a cleared state's row
/// (DeleteStateOnClear), and an unregistered reminder deletes its row.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StorageDeletionTests(PostgresServer server)
{
    private readonly StorageRows _rows = new(server.ConnectionString);

    [Fact]
    public async Task AClearedStateLeavesNoRowAndTheGrainCanBeWrittenAgain()
    {
        var serviceId = PostgresClusters.NewServiceId("delete");
        var key = $"note-{Guid.NewGuid():N}";
        await using (var cluster = await PostgresClusters.StartAsync(server, serviceId))
        {
            var grain = cluster.Client.GetGrain<IStoredNoteGrain>(key);
            await grain.Write("personal data", 1);
            await grain.Write("more personal data", 2);
            Assert.Equal(1, await _rows.StateRowsAsync(key, serviceId));

            await grain.Clear();

            Assert.Empty(await _rows.MentioningAsync(key, serviceId));
            Assert.Equal(new StoredNoteView(null, 0, false, null), await grain.Read());

            // The same activation writes again after the clear: a fresh row, not a version conflict.
            await grain.Write("a new life", 3);
            Assert.Equal(new StoredNoteView("a new life", 3, true, "1"), await grain.Read());
            await grain.Clear();
            Assert.Empty(await _rows.MentioningAsync(key, serviceId));
        }

        await using var second = await PostgresClusters.StartAsync(server, serviceId);
        Assert.Equal(new StoredNoteView(null, 0, false, null), await second.Client.GetGrain<IStoredNoteGrain>(key).Read());
    }

    [Fact]
    public async Task AnUnregisteredReminderLeavesNoRow()
    {
        var serviceId = PostgresClusters.NewServiceId("unremind");
        var key = $"ticker-{Guid.NewGuid():N}";
        await using var cluster = await PostgresClusters.StartAsync(server, serviceId, withReminders: true);
        var grain = cluster.Client.GetGrain<ITickingGrain>(key);

        await grain.Start(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await _rows.ReminderRowsAsync(key, serviceId));

        await grain.Stop();

        Assert.Empty(await _rows.MentioningAsync(key, serviceId));
    }

    [Fact]
    public async Task AJobRemovedFromItsTenantsListIsNoLongerMentionedInTheListsStoredState()
    {
        var serviceId = PostgresClusters.NewServiceId("index");
        var removed = $"job-{Guid.NewGuid():N}";
        var kept = $"job-{Guid.NewGuid():N}";
        await using var cluster = await PostgresClusters.StartAsync(server, serviceId);
        var index = cluster.Client.GetGrain<IJobIndexGrain>("tenant-a");
        await index.Add(new JobIndexEntry(removed, DateTimeOffset.UtcNow, "removed.csv"));
        await index.Add(new JobIndexEntry(kept, DateTimeOffset.UtcNow, "kept.csv"));
        Assert.Equal(["OrleansStorage job-index tenant-a"], await _rows.MentioningAsync(removed, serviceId));

        await index.Remove(removed);

        Assert.Empty(await _rows.MentioningAsync(removed, serviceId));
        Assert.Equal(1, await _rows.StateRowsAsync(kept, serviceId));
    }

    [Fact]
    public async Task AListedJobTakesUnderAHundredBytesOfStoredState()
    {
        // The bound JobIndexGrain documents (about 75 bytes a job: 100,000 jobs in about 8 MB), measured on the real serializer and table.
        const int jobs = 200;
        var serviceId = PostgresClusters.NewServiceId("indexsize");
        await using var cluster = await PostgresClusters.StartAsync(server, serviceId);
        var index = cluster.Client.GetGrain<IJobIndexGrain>("tenant-size");
        await index.Add(new JobIndexEntry(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, "leads-2026-11.csv"));
        var one = await PayloadBytesAsync(serviceId);
        for (var i = 1; i < jobs; i++)
        {
            await index.Add(new JobIndexEntry(Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, "leads-2026-11.csv"));
        }

        var perJob = (await PayloadBytesAsync(serviceId) - one) / (jobs - 1.0);
        Assert.InRange(perJob, 40, 100);
    }

    private async Task<long> PayloadBytesAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT octet_length(PayloadBinary) FROM OrleansStorage WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
