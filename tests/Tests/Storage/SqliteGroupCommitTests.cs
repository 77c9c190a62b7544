using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using PersonalizedLine.Silo.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// Writes queued while the writer is busy share one transaction: each is still answered on its own, only after its
/// commit, and a failing one fails alone.
/// </summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly IGrainStorageSerializer Serializer =
        new SystemTextJsonGrainStorageSerializer(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempDataDirectory _directory = new();
    private SqliteStateDatabase _database;

    public SqliteGroupCommitTests() => _database = new SqliteStateDatabase(_directory.Path);

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task Writes_queued_behind_a_busy_writer_all_land_and_a_stale_one_among_them_fails_alone()
    {
        var storage = new SqliteGrainStorage("chunks", _database, Serializer);
        var stale = new SqliteTestGrainState(new SqliteTestState { Text = "first" });
        await storage.WriteStateAsync("state", Grain("stale"), stale);
        stale.ETag = "7"; // another activation wrote since: this write must be refused

        var (holding, release) = await HoldWriterAsync();
        var writes = Enumerable.Range(0, 300)
            .Select(i => storage.WriteStateAsync("state", Grain($"row-{i}"), new SqliteTestGrainState(new SqliteTestState { Text = $"text {i}" })))
            .ToList();
        var refused = storage.WriteStateAsync("state", Grain("stale"), stale);
        Assert.All(writes, write => Assert.False(write.IsCompleted)); // none is answered before its commit
        release.Set();
        await holding.WaitAsync(Deadline);

        await Task.WhenAll(writes).WaitAsync(Deadline);
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => refused.WaitAsync(Deadline));
        Assert.Contains("holds version 1", conflict.Message);

        _database.Dispose();
        _database = new SqliteStateDatabase(_directory.Path);
        storage = new SqliteGrainStorage("chunks", _database, Serializer);
        for (var i = 0; i < 300; i += 37)
        {
            var read = new SqliteTestGrainState(new SqliteTestState());
            await storage.ReadStateAsync("state", Grain($"row-{i}"), read);
            Assert.Equal($"text {i}", read.State.Text);
            Assert.Equal("1", read.ETag);
        }

        Assert.Equal(301, Count("SELECT COUNT(*) FROM grain_state;"));
    }

    [Fact]
    public async Task A_write_that_breaks_inside_a_shared_transaction_fails_to_its_caller_only()
    {
        var (holding, release) = await HoldWriterAsync();
        var before = Enumerable.Range(0, 50).Select(Insert).ToList();
        var broken = _database.WriteAsync(session => session.Statement("INSERT INTO no_such_table VALUES (1);").ExecuteNonQuery());
        var after = Enumerable.Range(50, 50).Select(Insert).ToList();
        release.Set();
        await holding.WaitAsync(Deadline);

        var error = await Assert.ThrowsAsync<SqliteException>(() => broken.WaitAsync(Deadline));
        Assert.Contains("no_such_table", error.Message);
        Assert.All(await Task.WhenAll(before.Concat(after)).WaitAsync(Deadline), inserted => Assert.Equal(1, inserted));
        Assert.Equal(100, Count("SELECT COUNT(*) FROM reminders;"));
    }

    [Fact]
    public async Task A_write_queued_before_disposal_is_committed_and_one_after_it_is_refused()
    {
        var (holding, release) = await HoldWriterAsync();
        var queued = Insert(1);
        release.Set();
        _database.Dispose();

        Assert.Equal(1, await queued.WaitAsync(Deadline));
        await holding.WaitAsync(Deadline);
        Assert.Throws<ObjectDisposedException>(() => { _ = Insert(2); });

        _database = new SqliteStateDatabase(_directory.Path);
        Assert.Equal(1, Count("SELECT COUNT(*) FROM reminders;"));
    }

    /// <summary>Occupies the writer until <c>release</c> is set, so that writes queued meanwhile form one batch.</summary>
    private async Task<(Task Holding, ManualResetEventSlim Release)> HoldWriterAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var holding = _database.WriteAsync(_ =>
        {
            started.SetResult();
            return release.Wait(Deadline);
        });
        await started.Task.WaitAsync(Deadline);
        return (holding, release);
    }

    private Task<int> Insert(int index) =>
        _database.WriteAsync(session =>
        {
            var command = session.Statement(
                "INSERT INTO reminders (grain, name, grain_hash, start_at, period, etag) VALUES ($grain, 'tick', 0, 0, 0, 1);");
            command.Parameters.AddWithValue("$grain", $"grain-{index}");
            return command.ExecuteNonQuery();
        });

    private long Count(string sql) => _database.Read(session => (long)session.Statement(sql).ExecuteScalar()!);

    private static GrainId Grain(string key) => GrainId.Create("chunk", key);
}
