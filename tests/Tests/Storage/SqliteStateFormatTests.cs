using Microsoft.Data.Sqlite;
using Orleans.Storage;
using PersonalizedLine.Silo.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// The embedded storage writes Orleans' binary form and still reads files written before, in JSON, when payloads did
/// not record their format.
/// </summary>
public sealed class SqliteStateFormatTests : IDisposable
{
    private static readonly IGrainStorageSerializer Binary = StateSerializers.Binary;

    private static readonly IGrainStorageSerializer Json = StateSerializers.Json;

    private readonly TempDataDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_file_from_before_formats_is_read_in_json_then_rewritten_in_the_binary_form()
    {
        WriteFileWithoutFormatColumn(new SqliteTestState { Text = "from an earlier version", Numbers = [4, 5] }, etag: 3);

        using (var database = new SqliteStateDatabase(_directory.Path))
        {
            var storage = new SqliteGrainStorage("chunks", database, Binary, Json);
            var state = new SqliteTestGrainState(new SqliteTestState());
            await storage.ReadStateAsync("results", GrainId.Create("chunk", "job-1/0"), state);

            Assert.Equal("from an earlier version", state.State.Text);
            Assert.Equal([4, 5], state.State.Numbers);
            Assert.Equal("3", state.ETag);

            state.State.Text = "rewritten";
            await storage.WriteStateAsync("results", GrainId.Create("chunk", "job-1/0"), state);
            Assert.Equal("4", state.ETag);
        }

        using var reopened = new SqliteStateDatabase(_directory.Path);
        var (format, payload) = reopened.Read(session =>
        {
            var command = session.Statement("SELECT format, payload FROM grain_state;");
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            return (reader.GetInt32(0), reader.GetFieldValue<byte[]>(1));
        });
        Assert.Equal(SqliteGrainStorage.CurrentFormat, format);
        Assert.NotEqual((byte)'{', payload[0]);
        var read = new SqliteTestGrainState(new SqliteTestState());
        await new SqliteGrainStorage("chunks", reopened, Binary, Json).ReadStateAsync("results", GrainId.Create("chunk", "job-1/0"), read);
        Assert.Equal("rewritten", read.State.Text);
        Assert.Equal([4, 5], read.State.Numbers);
    }

    [Fact]
    public async Task The_binary_form_is_smaller_than_the_json_the_same_state_took()
    {
        var state = new SqliteTestState { Text = string.Concat(Enumerable.Repeat("line ", 40)), Numbers = [.. Enumerable.Range(0, 100)] };
        using var database = new SqliteStateDatabase(_directory.Path);
        await new SqliteGrainStorage("binary", database, Binary, Json).WriteStateAsync("s", GrainId.Create("chunk", "a"), new SqliteTestGrainState(state));
        await new SqliteGrainStorage("json", database, Json).WriteStateAsync("s", GrainId.Create("chunk", "a"), new SqliteTestGrainState(state));

        var sizes = database.Read(session =>
        {
            var command = session.Statement("SELECT storage, length(payload) FROM grain_state;");
            using var reader = command.ExecuteReader();
            var found = new Dictionary<string, long>();
            while (reader.Read())
            {
                found[reader.GetString(0)] = reader.GetInt64(1);
            }

            return found;
        });
        Assert.True(sizes["binary"] < sizes["json"], $"binary {sizes["binary"]} bytes, JSON {sizes["json"]} bytes");
    }

    /// <summary>The schema files had before payloads carried a format, with one JSON row in it.</summary>
    private void WriteFileWithoutFormatColumn(SqliteTestState state, long etag)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteStateDatabase.FileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE grain_state (storage TEXT NOT NULL, state TEXT NOT NULL, grain TEXT NOT NULL, etag INTEGER NOT NULL,
                payload BLOB NOT NULL, PRIMARY KEY (storage, state, grain));
            INSERT INTO grain_state (storage, state, grain, etag, payload) VALUES ('chunks', 'results', $grain, $etag, $payload);
            """;
        command.Parameters.AddWithValue("$grain", GrainId.Create("chunk", "job-1/0").ToString());
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$payload", Json.Serialize(state).ToArray());
        command.ExecuteNonQuery();
    }
}
