using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// Reminders in the embedded profile's SQLite file, next to grain state. Only a job's lifecycle reminder resumes a
/// running job after the process restarts, so reminders must outlive the process exactly as the state does. They are
/// few (one per live job or pending webhook), so every call is a plain statement.
/// </summary>
/// <remarks>
/// Ranges follow Orleans' ring: <c>ReadRows(begin, end)</c> answers hashes in (begin, end], wrapping past
/// <see cref="uint.MaxValue"/> when <c>begin &gt;= end</c>. The ETag is a version number, as in the grain storage.
/// </remarks>
public sealed class SqliteReminderTable(SqliteStateDatabase database) : IReminderTable
{
    private const string Columns = "grain, name, start_at, period, etag";

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        Task.FromResult(Query($"SELECT {Columns} FROM reminders WHERE grain = $grain;", ("$grain", grainId.ToString())));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        Task.FromResult(Query(
            begin < end
                ? $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin AND grain_hash <= $end;"
                : $"SELECT {Columns} FROM reminders WHERE grain_hash > $begin OR grain_hash <= $end;",
            ("$begin", (long)begin),
            ("$end", (long)end)));

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        Task.FromResult(Query(
            $"SELECT {Columns} FROM reminders WHERE grain = $grain AND name = $name;",
            ("$grain", grainId.ToString()),
            ("$name", reminderName)).Reminders.FirstOrDefault());

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = await database.WriteAsync(session =>
        {
            var command = session.Statement("""
                INSERT INTO reminders (grain, name, grain_hash, start_at, period, etag)
                VALUES ($grain, $name, $hash, $start, $period, 1)
                ON CONFLICT (grain, name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = reminders.etag + 1
                RETURNING etag;
                """);
            command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", entry.StartAt.ToUniversalTime().Ticks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            return (long)command.ExecuteScalar()!;
        }).ConfigureAwait(false);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        database.WriteAsync(session =>
        {
            var command = session.Statement("DELETE FROM reminders WHERE grain = $grain AND name = $name AND etag = $etag;");
            command.Parameters.AddWithValue("$grain", grainId.ToString());
            command.Parameters.AddWithValue("$name", reminderName);
            command.Parameters.AddWithValue("$etag", long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1L);
            return command.ExecuteNonQuery() == 1;
        });

    public Task TestOnlyClearTable() =>
        database.WriteAsync(session =>
        {
            var command = session.Statement("DELETE FROM reminders;");
            return command.ExecuteNonQuery();
        });

    private ReminderTableData Query(string sql, params (string Name, object Value)[] parameters) =>
        database.Read(session =>
        {
            var command = session.Statement(sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            var entries = new List<ReminderEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                    Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                    ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
                });
            }

            return new ReminderTableData(entries);
        });
}
