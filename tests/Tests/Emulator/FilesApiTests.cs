using System.Text;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>The emulated OpenAI Files API: what a client uploads comes back byte for byte, and can be found again.</summary>
public sealed class FilesApiTests
{
    [Fact]
    public async Task An_uploaded_file_is_listed_described_and_downloaded_as_sent()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var jsonl = BatchInputFile.OfSingles("row-1", "row-2");

        var uploaded = await api.UploadAsync(jsonl, filename: "job-42-chunk-0.jsonl");
        var id = uploaded.Body.GetProperty("id").GetString()!;
        var listed = await api.GetAsync("/v1/files?purpose=batch");
        var described = await api.GetAsync($"/v1/files/{id}");
        var (status, content) = await api.ContentAsync(id);

        Assert.Equal(200, uploaded.Status);
        Assert.StartsWith("file-", id, StringComparison.Ordinal);
        Assert.Equal("file", uploaded.Body.GetProperty("object").GetString());
        Assert.Equal(Encoding.UTF8.GetByteCount(jsonl), uploaded.Body.GetProperty("bytes").GetInt64());
        Assert.Equal("job-42-chunk-0.jsonl", uploaded.Body.GetProperty("filename").GetString());
        Assert.Equal("batch", uploaded.Body.GetProperty("purpose").GetString());
        Assert.InRange(uploaded.Body.GetProperty("created_at").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(),
            DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.Equal("list", listed.Body.GetProperty("object").GetString());
        var file = Assert.Single(listed.Body.GetProperty("data").EnumerateArray());
        Assert.Equal("job-42-chunk-0.jsonl", file.GetProperty("filename").GetString());
        Assert.Equal(id, described.Body.GetProperty("id").GetString());
        Assert.Equal(200, status);
        Assert.Equal(jsonl, content);
        Assert.Equal(1, emulator.Batches.FilesUploaded);
        Assert.Equal(Encoding.UTF8.GetByteCount(jsonl), emulator.Batches.UploadedBytes);
    }

    [Fact]
    public async Task Files_are_listed_newest_first()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);

        await api.UploadAsync(BatchInputFile.OfSingles("a"), filename: "first.jsonl");
        await api.UploadAsync(BatchInputFile.OfSingles("b"), filename: "second.jsonl");
        var listed = await api.GetAsync("/v1/files");

        Assert.Equal(["second.jsonl", "first.jsonl"],
            listed.Body.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("filename").GetString()));
    }

    [Fact]
    public async Task An_upload_for_another_purpose_or_without_a_file_is_answered_400()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);

        var otherPurpose = await api.UploadAsync(BatchInputFile.OfSingles("a"), purpose: "fine-tune");
        var noPurpose = await api.UploadAsync(BatchInputFile.OfSingles("a"), purpose: null);

        Assert.Equal(400, otherPurpose.Status);
        Assert.Equal("invalid_request_error", otherPurpose.ErrorType);
        Assert.Equal(400, noPurpose.Status);
        Assert.Equal(0, emulator.Batches.FilesUploaded);
    }

    [Fact]
    public async Task A_deleted_file_is_gone()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var id = (await api.UploadAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString()!;

        var deleted = await api.DeleteAsync($"/v1/files/{id}");
        var after = await api.GetAsync($"/v1/files/{id}");
        var again = await api.DeleteAsync($"/v1/files/{id}");

        Assert.True(deleted.Body.GetProperty("deleted").GetBoolean());
        Assert.Equal(404, after.Status);
        Assert.Contains(id, after.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(404, again.Status);
    }

    [Fact]
    public async Task Reset_forgets_files_and_reset_counters_keeps_them()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        await api.UploadAsync(BatchInputFile.OfSingles("a"));

        emulator.ResetCounters();
        var afterCounters = await api.GetAsync("/v1/files");
        emulator.Reset();
        var afterReset = await api.GetAsync("/v1/files");

        Assert.Single(afterCounters.Body.GetProperty("data").EnumerateArray());
        Assert.Empty(afterReset.Body.GetProperty("data").EnumerateArray());
        Assert.Equal(0, emulator.Batches.FilesUploaded);
    }
}
