using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalizedLine.Tests.Support;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Calls the emulated Files and Batches API with a plain <see cref="HttpClient"/>, as an OpenAI client would.</summary>
internal sealed class BatchApiCalls(EmulatorServer emulator, string? key = "key-a") : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http = new();

    public async Task<Answer> UploadAsync(string jsonl, string filename = "rows.jsonl", string? purpose = "batch")
    {
        using var form = new MultipartFormDataContent();
        if (purpose is not null)
        {
            form.Add(new StringContent(purpose), "purpose");
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(jsonl));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        form.Add(file, "file", filename);
        return await SendAsync(HttpMethod.Post, "/v1/files", form);
    }

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    public Task<Answer> PostAsync(string path, object body) =>
        SendAsync(HttpMethod.Post, path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    /// <summary>Uploads <paramref name="jsonl"/> and creates a batch over it; the answer is the new batch object.</summary>
    public async Task<Answer> CreateBatchAsync(string jsonl, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var file = await UploadAsync(jsonl);
        Assert.Equal(200, file.Status);
        return await PostAsync("/v1/batches", new Dictionary<string, object?>
        {
            ["input_file_id"] = file.Body.GetProperty("id").GetString(),
            ["endpoint"] = "/v1/chat/completions",
            ["completion_window"] = "24h",
            ["metadata"] = metadata,
        });
    }

    public async Task<(int Status, string Text)> ContentAsync(string fileId)
    {
        using var request = Request(HttpMethod.Get, $"/v1/files/{fileId}/content", null);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The lines of a batch output or error file, parsed.</summary>
    public async Task<IReadOnlyList<JsonElement>> LinesAsync(string fileId)
    {
        var (status, text) = await ContentAsync(fileId);
        Assert.Equal(200, status);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    /// <summary>Polls the batch until its status is one of <paramref name="statuses"/>, recording every status seen.</summary>
    public async Task<JsonElement> WaitForStatusAsync(string batchId, ICollection<string>? seen, params string[] statuses)
    {
        var answer = await Eventually.ReturnsAsync(
            async () =>
            {
                var batch = await GetAsync($"/v1/batches/{batchId}");
                seen?.Add(Status(batch.Body));
                return batch;
            },
            batch => statuses.Contains(Status(batch.Body)), Deadline, $"batch {batchId} to be {string.Join(" or ", statuses)}");
        return answer.Body;
    }

    public static string Status(JsonElement batch) => batch.GetProperty("status").GetString()!;

    public void Dispose() => _http.Dispose();

    private async Task<Answer> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = Request(method, path, content);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        using var document = JsonDocument.Parse(text);
        return new Answer((int)response.StatusCode, headers, document.RootElement.Clone());
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(emulator.BaseUrl, path)) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
