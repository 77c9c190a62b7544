using System.Text;
using Npgsql;
using Orleans.Storage;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>Grain state through the real ADO.NET provider (Invariant "Npgsql") and the project's schema. Clearing: <see cref="StorageDeletionTests"/>.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AdoNetGrainStorageTests(PostgresServer server)
{
    [Fact]
    public async Task StateWrittenByOneClusterIsReadBackByANewClusterOnTheSameDatabase()
    {
        var serviceId = PostgresClusters.NewServiceId("roundtrip");
        await using (var first = await PostgresClusters.StartAsync(server, serviceId))
        {
            var grain = first.Client.GetGrain<IStoredNoteGrain>("note-1");
            Assert.Equal(new StoredNoteView(null, 0, false, null), await grain.Read());
            await grain.Write("hello", 1);
            await grain.Write("hello again", 42);
        }

        await using var second = await PostgresClusters.StartAsync(server, serviceId);
        var reread = await second.Client.GetGrain<IStoredNoteGrain>("note-1").Read();

        Assert.Equal(new StoredNoteView("hello again", 42, true, "2"), reread);
        var row = Assert.Single(await RowsAsync(serviceId));
        Assert.Equal(2, row.Version);
        Assert.Equal("note-1", row.KeyExtension);
        // Orleans' binary form, not JSON; its strings are UTF-8 inside it.
        Assert.False(BinaryStateSerializer.IsJson(row.Payload));
        Assert.Contains("hello again", Encoding.UTF8.GetString(row.Payload!));
    }

    [Fact]
    public async Task StateAnEarlierVersionWroteInJsonIsReadAndItsNextWriteIsBinary()
    {
        var serviceId = PostgresClusters.NewServiceId("earlier");
        await using (var earlier = await PostgresClusters.StartAsync(server, serviceId, asEarlierVersions: true))
        {
            await earlier.Client.GetGrain<IStoredNoteGrain>("note-5").Write("written in json", 7);
        }

        var json = Assert.Single(await RowsAsync(serviceId)).Payload!;
        Assert.True(BinaryStateSerializer.IsJson(json));
        Assert.Contains(nameof(StoredNote), Encoding.UTF8.GetString(json));

        await using var current = await PostgresClusters.StartAsync(server, serviceId);
        var grain = current.Client.GetGrain<IStoredNoteGrain>("note-5");
        Assert.Equal(new StoredNoteView("written in json", 7, true, "1"), await grain.Read());
        await grain.Write("then in binary", 8);
        await current.DeactivateAsync(grain);

        Assert.Equal(new StoredNoteView("then in binary", 8, true, "2"), await grain.Read());
        var rewritten = Assert.Single(await RowsAsync(serviceId)).Payload!;
        Assert.False(BinaryStateSerializer.IsJson(rewritten));
        Assert.True(rewritten.Length < json.Length, $"binary {rewritten.Length} bytes, JSON {json.Length}");
    }

    [Fact]
    public async Task AWriteWithAStaleETagRaisesInconsistentStateExceptionAndLeavesTheStoredStateAlone()
    {
        // Two clusters of the same service on one database: the same grain is active in both, as in a split brain.
        var serviceId = PostgresClusters.NewServiceId("conflict");
        await using var left = await PostgresClusters.StartAsync(server, serviceId);
        await using var right = await PostgresClusters.StartAsync(server, serviceId);
        var leftGrain = left.Client.GetGrain<IStoredNoteGrain>("note-3");
        var rightGrain = right.Client.GetGrain<IStoredNoteGrain>("note-3");

        await leftGrain.Write("first", 1);
        Assert.Equal("1", (await rightGrain.Read()).ETag);
        await leftGrain.Write("second", 2);

        await Assert.ThrowsAsync<InconsistentStateException>(() => rightGrain.Write("stale", 3));

        Assert.Equal(new StoredNoteView("second", 2, true, "2"), await leftGrain.Read());
        var row = Assert.Single(await RowsAsync(serviceId));
        Assert.Equal(2, row.Version);
        Assert.Contains("second", Encoding.UTF8.GetString(row.Payload!));
    }

    [Fact]
    public async Task StateWritesWorkAgainAfterTheDatabaseServerRestarts()
    {
        var serviceId = PostgresClusters.NewServiceId("restart");
        await using var cluster = await PostgresClusters.StartAsync(server, serviceId);
        var grain = cluster.Client.GetGrain<IStoredNoteGrain>("note-4");
        await grain.Write("before restart", 1);

        await server.StopAsync();
        await server.StartAsync();

        await grain.Write("after restart", 2);
        await cluster.DeactivateAsync(grain);
        Assert.Equal(new StoredNoteView("after restart", 2, true, "2"), await grain.Read());
    }

    private sealed record StorageRow(string? KeyExtension, byte[]? Payload, int Version);

    private async Task<List<StorageRow>> RowsAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT GrainIdExtensionString, PayloadBinary, Version FROM OrleansStorage WHERE ServiceId = @serviceId", connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StorageRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StorageRow(
                reader.IsDBNull(0) ? null : reader.GetString(0),
                reader.IsDBNull(1) ? null : (byte[])reader[1],
                reader.GetInt32(2)));
        }

        return rows;
    }
}
