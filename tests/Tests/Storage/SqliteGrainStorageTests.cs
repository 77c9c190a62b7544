using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using PersonalizedLine.Silo.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The embedded profile's grain storage on its SQLite file, driven directly as Orleans drives it.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private static readonly IGrainStorageSerializer Serializer =
        new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    private readonly TempDataDirectory _directory = new();
    private SqliteStateDatabase _database;

    public SqliteGrainStorageTests() => _database = new SqliteStateDatabase(_directory.Path);

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private SqliteGrainStorage Storage(string name = "chunks") => new(name, _database, Serializer);

    private static GrainId Grain(string key) => GrainId.Create("chunk", key);

    [Fact]
    public async Task Reading_a_state_never_written_leaves_the_default_state_and_no_etag()
    {
        var state = new SqliteTestGrainState(new SqliteTestState { Text = "default" });

        await Storage().ReadStateAsync("state", Grain("missing"), state);

        Assert.Equal("default", state.State.Text);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_its_etag_after_the_file_is_reopened()
    {
        var written = new SqliteTestGrainState(new SqliteTestState { Text = "first" });
        await Storage().WriteStateAsync("state", Grain("job-1/0"), written);
        Assert.Equal("1", written.ETag);
        written.State = new SqliteTestState { Text = "second", Numbers = [1, 2, 3] };
        await Storage().WriteStateAsync("state", Grain("job-1/0"), written);
        Assert.Equal("2", written.ETag);
        Assert.True(written.RecordExists);

        _database.Dispose();
        _database = new SqliteStateDatabase(_directory.Path);
        var read = new SqliteTestGrainState(new SqliteTestState());
        await Storage().ReadStateAsync("state", Grain("job-1/0"), read);

        Assert.Equal("second", read.State.Text);
        Assert.Equal([1, 2, 3], read.State.Numbers);
        Assert.Equal("2", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM grain_state;"));
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_fails_and_leaves_the_newer_state_alone()
    {
        var first = new SqliteTestGrainState(new SqliteTestState { Text = "one" });
        await Storage().WriteStateAsync("state", Grain("job-2/0"), first);
        var stale = new SqliteTestGrainState(new SqliteTestState()) { ETag = first.ETag, RecordExists = true };
        first.State.Text = "two";
        await Storage().WriteStateAsync("state", Grain("job-2/0"), first);

        stale.State.Text = "stale";
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("state", Grain("job-2/0"), stale));

        Assert.Equal("2", conflict.StoredEtag);
        Assert.Equal("1", conflict.CurrentEtag);
        Assert.Contains("version 2", conflict.Message);
        var read = new SqliteTestGrainState(new SqliteTestState());
        await Storage().ReadStateAsync("state", Grain("job-2/0"), read);
        Assert.Equal("two", read.State.Text);
    }

    [Fact]
    public async Task A_first_write_over_a_state_another_activation_wrote_fails()
    {
        await Storage().WriteStateAsync("state", Grain("job-3/0"), new SqliteTestGrainState(new SqliteTestState { Text = "other" }));

        var unaware = new SqliteTestGrainState(new SqliteTestState { Text = "mine" });
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().WriteStateAsync("state", Grain("job-3/0"), unaware));

        Assert.Equal("1", conflict.StoredEtag);
        Assert.Null(unaware.ETag);
    }

    [Fact]
    public async Task Clearing_deletes_the_row_and_a_stale_clear_fails()
    {
        var state = new SqliteTestGrainState(new SqliteTestState { Text = "to delete" });
        await Storage().WriteStateAsync("state", Grain("job-4/0"), state);
        await Storage().WriteStateAsync("state", Grain("job-4/1"), new SqliteTestGrainState(new SqliteTestState { Text = "kept" }));
        var stale = new SqliteTestGrainState(new SqliteTestState()) { ETag = state.ETag };
        await Storage().WriteStateAsync("state", Grain("job-4/0"), state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage().ClearStateAsync("state", Grain("job-4/0"), stale));
        Assert.Equal(2, Count("SELECT COUNT(*) FROM grain_state;"));

        await Storage().ClearStateAsync("state", Grain("job-4/0"), state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM grain_state;"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM grain_state WHERE grain LIKE '%job-4/0%';"));
        var read = new SqliteTestGrainState(new SqliteTestState());
        await Storage().ReadStateAsync("state", Grain("job-4/0"), read);
        Assert.False(read.RecordExists);

        // Written again after a clear, the state starts over.
        await Storage().WriteStateAsync("state", Grain("job-4/0"), state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task The_same_grain_in_two_storages_or_two_state_names_keeps_separate_states()
    {
        await Storage("jobs").WriteStateAsync("state", Grain("job-5"), new SqliteTestGrainState(new SqliteTestState { Text = "jobs" }));
        await Storage("chunks").WriteStateAsync("state", Grain("job-5"), new SqliteTestGrainState(new SqliteTestState { Text = "chunks" }));
        await Storage("chunks").WriteStateAsync("input", Grain("job-5"), new SqliteTestGrainState(new SqliteTestState { Text = "input" }));

        Assert.Equal("jobs", (await ReadAsync(Storage("jobs"), "state", "job-5")).Text);
        Assert.Equal("chunks", (await ReadAsync(Storage("chunks"), "state", "job-5")).Text);
        Assert.Equal("input", (await ReadAsync(Storage("chunks"), "input", "job-5")).Text);
    }

    [Fact]
    public async Task Many_grains_writing_at_once_each_keep_every_write_in_order()
    {
        const int grains = 200;
        const int writesEach = 10;
        var storage = Storage();

        await Task.WhenAll(Enumerable.Range(0, grains).Select(i => Task.Run(async () =>
        {
            var state = new SqliteTestGrainState(new SqliteTestState());
            for (var write = 1; write <= writesEach; write++)
            {
                state.State.Numbers.Add(write);
                state.State.Text = $"grain {i} write {write}";
                await storage.WriteStateAsync("state", Grain($"many/{i}"), state);
                var read = await ReadAsync(storage, "state", $"many/{i}");
                Assert.Equal(state.State.Text, read.Text);
            }
        })));

        Assert.Equal(grains, Count("SELECT COUNT(*) FROM grain_state;"));
        Assert.Equal(grains, Count($"SELECT COUNT(*) FROM grain_state WHERE etag = {writesEach};"));
        for (var i = 0; i < grains; i += 37)
        {
            var read = await ReadAsync(storage, "state", $"many/{i}");
            Assert.Equal($"grain {i} write {writesEach}", read.Text);
            Assert.Equal(Enumerable.Range(1, writesEach), read.Numbers);
        }
    }

    [Fact]
    public void A_second_process_on_the_same_directory_is_refused_with_the_setting_named()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new SqliteStateDatabase(_directory.Path));

        Assert.Contains("Storage__Path", refused.Message);
        Assert.Contains(_directory.Path, refused.Message);
    }

    private static async Task<SqliteTestState> ReadAsync(SqliteGrainStorage storage, string stateName, string key)
    {
        var state = new SqliteTestGrainState(new SqliteTestState());
        await storage.ReadStateAsync(stateName, Grain(key), state);
        return state.State;
    }

    private long Count(string sql) => _database.Read(session =>
    {
        var command = session.Statement(sql);
        return (long)command.ExecuteScalar()!;
    });
}
