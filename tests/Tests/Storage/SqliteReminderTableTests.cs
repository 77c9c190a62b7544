using PersonalizedLine.Silo.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The embedded profile's reminder table on its SQLite file: what a restarted process finds to resume jobs.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private readonly TempDataDirectory _directory = new();
    private SqliteStateDatabase _database;

    public SqliteReminderTableTests() => _database = new SqliteStateDatabase(_directory.Path);

    public void Dispose()
    {
        _database.Dispose();
        _directory.Dispose();
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc),
        Period = period,
    };

    [Fact]
    public async Task A_reminder_survives_reopening_the_file_and_updates_bump_its_etag()
    {
        var job = GrainId.Create("job", "tenant-a/job-1");
        var first = await new SqliteReminderTable(_database).UpsertRow(Entry(job, "lifecycle", TimeSpan.FromMinutes(1)));
        var second = await new SqliteReminderTable(_database).UpsertRow(Entry(job, "lifecycle", TimeSpan.FromSeconds(5)));
        Assert.Equal("1", first);
        Assert.Equal("2", second);

        _database.Dispose();
        _database = new SqliteStateDatabase(_directory.Path);
        var table = new SqliteReminderTable(_database);
        var row = await table.ReadRow(job, "lifecycle");

        Assert.NotNull(row);
        Assert.Equal(job, row.GrainId);
        Assert.Equal(TimeSpan.FromSeconds(5), row.Period);
        Assert.Equal(new DateTime(2026, 11, 30, 6, 0, 0, DateTimeKind.Utc), row.StartAt);
        Assert.Equal("2", row.ETag);
        Assert.Single((await table.ReadRows(job)).Reminders);
        Assert.Null(await table.ReadRow(job, "other"));
    }

    [Fact]
    public async Task Removing_needs_the_current_etag()
    {
        var table = new SqliteReminderTable(_database);
        var job = GrainId.Create("job", "job-2");
        var etag = await table.UpsertRow(Entry(job, "lifecycle", TimeSpan.FromMinutes(1)));

        Assert.False(await table.RemoveRow(job, "lifecycle", "999"));
        Assert.NotNull(await table.ReadRow(job, "lifecycle"));
        Assert.True(await table.RemoveRow(job, "lifecycle", etag!));
        Assert.Null(await table.ReadRow(job, "lifecycle"));
        Assert.False(await table.RemoveRow(job, "lifecycle", etag!));
    }

    [Fact]
    public async Task A_hash_range_returns_the_grains_in_it_and_wraps_around_the_ring()
    {
        var table = new SqliteReminderTable(_database);
        var grains = Enumerable.Range(0, 50).Select(i => GrainId.Create("job", $"ring-{i}")).ToList();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "lifecycle", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(grain => grain.GetUniformHashCode()).Order().ToList();
        var (low, high) = (hashes[10], hashes[30]);

        var inside = await table.ReadRows(low, high);
        var wrapped = await table.ReadRows(high, low);

        // (low, high] holds hashes 11..30; the wrapped range (high, low] the other 30.
        Assert.Equal(hashes[11..31], inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(30, wrapped.Reminders.Count);
        Assert.Empty(inside.Reminders.Select(r => r.GrainId).Intersect(wrapped.Reminders.Select(r => r.GrainId)));
        Assert.Equal(50, (await table.ReadRows(0u, 0u)).Reminders.Count);
    }
}
