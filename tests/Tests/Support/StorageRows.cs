using Npgsql;

namespace PersonalizedLine.Tests.Support;

/// <summary>
/// What PostgreSQL still holds about something (a job id, a grain key): the OrleansStorage rows whose key or stored
/// state mentions it and the OrleansRemindersTable rows whose grain id mentions it. For tests that prove a deletion
/// left nothing behind: <c>Assert.Empty(await rows.MentioningAsync(jobId))</c> names every leftover row on failure.
/// </summary>
/// <remarks>
/// Strings in stored state are UTF-8 (in Orleans' binary form as in JSON), so a job id inside another grain's state — a
/// list that still names the job — is found too. Matching is by substring: use ids that are not part of other ids (GUIDs).
/// A grain key that reads as a GUID (a job id is 32 hex digits) is not stored as text: the ADO.NET provider keeps it as
/// a GUID key, in the GrainIdN0 and GrainIdN1 columns (its bytes as two little-endian 64-bit numbers), so such a text
/// also matches the rows under that key.
/// </remarks>
public sealed class StorageRows(string connectionString)
{
    /// <summary>
    /// Every row mentioning <paramref name="text"/>, optionally only the <paramref name="serviceId"/>'s, each described for a
    /// failure message: "OrleansStorage {state name} {grain key}" or "OrleansRemindersTable {grain id} {reminder name}".
    /// </summary>
    public async Task<IReadOnlyList<string>> MentioningAsync(string text, string? serviceId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT 'OrleansStorage ' || GrainTypeString || ' '
                   || CASE WHEN @isGuid AND GrainIdN0 = @n0 AND GrainIdN1 = @n1 AND GrainIdExtensionString IS NULL THEN @text
                           ELSE coalesce(GrainIdExtensionString, GrainIdN0 || '/' || GrainIdN1) END
                   || CASE WHEN PayloadBinary IS NULL THEN ' (no payload)' ELSE '' END
              FROM OrleansStorage
             WHERE (@serviceId IS NULL OR ServiceId = @serviceId)
               AND (strpos(GrainIdExtensionString, @text) > 0 OR position(convert_to(@text, 'UTF8') IN PayloadBinary) > 0
                    OR (@isGuid AND GrainIdN0 = @n0 AND GrainIdN1 = @n1))
            UNION ALL
            SELECT 'OrleansRemindersTable ' || GrainId || ' ' || ReminderName
              FROM OrleansRemindersTable
             WHERE (@serviceId IS NULL OR ServiceId = @serviceId)
               AND strpos(GrainId, @text) > 0
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("text", text));
        command.Parameters.Add(new NpgsqlParameter<string?>("serviceId", serviceId));
        var (isGuid, n0, n1) = GuidKey(text);
        command.Parameters.Add(new NpgsqlParameter<bool>("isGuid", isGuid));
        command.Parameters.Add(new NpgsqlParameter<long>("n0", n0));
        command.Parameters.Add(new NpgsqlParameter<long>("n1", n1));
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    /// <summary>The GrainIdN0 and GrainIdN1 the ADO.NET provider stores for a grain key that reads as a GUID.</summary>
    private static (bool IsGuid, long N0, long N1) GuidKey(string text)
    {
        if (!Guid.TryParse(text, out var guid))
        {
            return (false, 0, 0);
        }

        var bytes = guid.ToByteArray();
        return (true, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8));
    }

    /// <summary>How many OrleansStorage rows mention <paramref name="text"/> (in the key or the stored state).</summary>
    public async Task<int> StateRowsAsync(string text, string? serviceId = null) =>
        (await MentioningAsync(text, serviceId)).Count(row => row.StartsWith("OrleansStorage ", StringComparison.Ordinal));

    /// <summary>How many OrleansRemindersTable rows belong to a grain whose id mentions <paramref name="text"/>.</summary>
    public async Task<int> ReminderRowsAsync(string text, string? serviceId = null) =>
        (await MentioningAsync(text, serviceId)).Count(row => row.StartsWith("OrleansRemindersTable ", StringComparison.Ordinal));
}
