using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// Grain state in the embedded profile's SQLite file, one row per (storage name, state name, grain id). Nothing is
/// cached here: a state lives in memory only while its grain is active, so a finished chunk costs disk, not memory.
/// </summary>
/// <remarks>
/// Each row records the format of its payload: <see cref="CurrentFormat"/> is written by <paramref name="serializer"/>
/// (the embedded profile gives Orleans' own binary serializer: a chunk's state is written several times a second and
/// read back for every download, and the binary form costs a fraction of JSON's CPU, allocations and bytes), and
/// <see cref="EarlierFormat"/> rows, from files written before formats were recorded, are read with
/// <paramref name="earlierSerializer"/> (the JSON serializer those files were written with) and rewritten in the
/// current format on their next write.
/// </remarks>
/// <remarks>
/// The ETag is a version number. A write or clear whose ETag does not match the stored one (another activation wrote
/// first, or the row is gone) fails with <see cref="InconsistentStateException"/>, which the grains rely on as with the
/// other providers. A clear deletes the row, so deleted and expired jobs leave nothing behind.
/// </remarks>
public sealed class SqliteGrainStorage(
    string storageName, SqliteStateDatabase database, IGrainStorageSerializer serializer, IGrainStorageSerializer? earlierSerializer = null) : IGrainStorage
{
    /// <summary>Rows written before the format was recorded (the column's default).</summary>
    public const int EarlierFormat = 0;

    /// <summary>Rows written by this storage's serializer.</summary>
    public const int CurrentFormat = 1;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainId.ToString();
        var stored = database.Read(session =>
        {
            var command = Command(session, "SELECT etag, payload, format FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain;", stateName, grain);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? (ETag: reader.GetInt64(0), Payload: reader.GetFieldValue<byte[]>(1), Format: reader.GetInt32(2))
                : ((long ETag, byte[] Payload, int Format)?)null;
        });

        if (stored is { } row)
        {
            var reading = row.Format == EarlierFormat && earlierSerializer is not null ? earlierSerializer : serializer;
            grainState.State = reading.Deserialize<T>(new BinaryData(row.Payload));
            grainState.ETag = Format(row.ETag);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainId.ToString();
        var payload = AsArray(serializer.Serialize(grainState.State));
        var expected = grainState.ETag;
        var written = await database.WriteAsync(session =>
        {
            if (expected is null)
            {
                var insert = Command(session,
                    "INSERT INTO grain_state (storage, state, grain, etag, payload, format) VALUES ($storage, $state, $grain, 1, $payload, $format) ON CONFLICT DO NOTHING;",
                    stateName, grain);
                insert.Parameters.AddWithValue("$payload", payload);
                insert.Parameters.AddWithValue("$format", CurrentFormat);
                return insert.ExecuteNonQuery() == 1 ? 1 : throw Conflict(session, "write", stateName, grain, expected);
            }

            var version = Parse(expected) ?? throw Conflict(session, "write", stateName, grain, expected);
            var update = Command(session,
                "UPDATE grain_state SET etag = etag + 1, payload = $payload, format = $format WHERE storage = $storage AND state = $state AND grain = $grain AND etag = $etag;",
                stateName, grain);
            update.Parameters.AddWithValue("$payload", payload);
            update.Parameters.AddWithValue("$format", CurrentFormat);
            update.Parameters.AddWithValue("$etag", version);
            return update.ExecuteNonQuery() == 1 ? version + 1 : throw Conflict(session, "write", stateName, grain, expected);
        }).ConfigureAwait(false);

        grainState.ETag = Format(written);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainId.ToString();
        var expected = grainState.ETag;
        await database.WriteAsync(session =>
        {
            // A null ETag means "whatever is stored"; a missing row is already cleared.
            var delete = Command(session,
                "DELETE FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain AND ($etag IS NULL OR etag = $etag);",
                stateName, grain);
            delete.Parameters.AddWithValue("$etag", expected is null ? DBNull.Value : (object?)Parse(expected) ?? -1L);
            if (delete.ExecuteNonQuery() == 0 && StoredETag(session, stateName, grain) is not null)
            {
                throw Conflict(session, "clear", stateName, grain, expected);
            }

            return 0;
        }).ConfigureAwait(false);

        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>The session's prepared statement for <paramref name="sql"/>, bound to one grain's row.</summary>
    private SqliteCommand Command(SqliteSession session, string sql, string stateName, string grain)
    {
        var command = session.Statement(sql);
        command.Parameters.AddWithValue("$storage", storageName);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grain);
        return command;
    }

    private long? StoredETag(SqliteSession session, string stateName, string grain)
    {
        var command = Command(session, "SELECT etag FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain;", stateName, grain);
        return command.ExecuteScalar() is long etag ? etag : null;
    }

    private InconsistentStateException Conflict(SqliteSession session, string operation, string stateName, string grain, string? expected)
    {
        var stored = StoredETag(session, stateName, grain);
        var storedText = stored is { } value ? Format(value) : null;
        return new InconsistentStateException(
            $"Cannot {operation} state '{stateName}' of {grain} in storage '{storageName}': it holds version {storedText ?? "(none)"}, the grain expected {expected ?? "(none)"}.",
            storedText!,
            expected!);
    }

    private static string Format(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    private static long? Parse(string etag) => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The serializer's bytes without a copy when they already fill an array, as they usually do.</summary>
    private static byte[] AsArray(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
