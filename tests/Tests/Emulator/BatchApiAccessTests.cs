using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Who may use the Files and Batches API: a valid bearer token, and only when the provider has the API.</summary>
public sealed class BatchApiAccessTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/v1/files" },
        { "GET", "/v1/files/file-unknown" },
        { "GET", "/v1/files/file-unknown/content" },
        { "DELETE", "/v1/files/file-unknown" },
        { "GET", "/v1/batches" },
        { "GET", "/v1/batches/batch_unknown" },
        { "POST", "/v1/batches" },
        { "POST", "/v1/batches/batch_unknown/cancel" },
        { "POST", "/v1/files" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_answers_401_without_a_key(string method, string path)
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator, key: null);

        var answer = await CallAsync(api, method, path);

        Assert.Equal(401, answer.Status);
        Assert.Equal("invalid_api_key", answer.ErrorCode);
    }

    [Fact]
    public async Task A_key_other_than_the_configured_one_is_answered_401()
    {
        await using var emulator = await EmulatorServer.StartAsync(new() { LlmApiKey = "the-key" });
        using var wrong = new BatchApiCalls(emulator, key: "another-key");
        using var right = new BatchApiCalls(emulator, key: "the-key");

        Assert.Equal(401, (await wrong.GetAsync("/v1/batches")).Status);
        Assert.Equal(200, (await right.GetAsync("/v1/batches")).Status);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_answers_404_when_the_provider_has_no_batch_api(string method, string path)
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.Disabled = true;

        var answer = await CallAsync(api, method, path);

        Assert.Equal(404, answer.Status);
        Assert.Equal("invalid_request_error", answer.ErrorType);
        Assert.Contains(path.Split('?')[0], answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_still_answers_when_the_batch_api_is_disabled()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Batches.Disabled = true;

        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
    }

    private static Task<Answer> CallAsync(BatchApiCalls api, string method, string path) => method switch
    {
        "GET" => api.GetAsync(path),
        "DELETE" => api.DeleteAsync(path),
        _ when path == "/v1/files" => api.UploadAsync(BatchInputFile.OfSingles("a")),
        _ => api.PostAsync(path, new { input_file_id = "file-unknown", endpoint = "/v1/chat/completions", completion_window = "24h" }),
    };
}
