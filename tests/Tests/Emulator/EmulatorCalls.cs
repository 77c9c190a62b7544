using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>
/// Calls the emulator with a plain <see cref="HttpClient"/>, as any client of a provider would, so the quota is
/// seen only through its answers and counters.
/// </summary>
internal sealed class EmulatorCalls(EmulatorServer emulator) : IDisposable
{
    public const string SystemPrompt = "You write one short, friendly opening line for a sales email.";
    private readonly HttpClient _http = new();

    public static string UserPrompt(int n) => $"first_name: Ada{n}\ncompany: Acme Robotics {n}";

    public async Task<Answer> ChatAsync(string key, int n = 1, long? maxTokens = 100, string maxTokensField = "max_tokens")
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = "llama-3.1-8b-instant",
            ["messages"] = new object[]
            {
                new Dictionary<string, string> { ["role"] = "system", ["content"] = SystemPrompt },
                new Dictionary<string, string> { ["role"] = "user", ["content"] = UserPrompt(n) },
            },
        };
        if (maxTokens is not null)
        {
            body[maxTokensField] = maxTokens;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await SendAsync(request);
    }

    /// <summary>A batched chat request: <c>response_format</c> <c>json_object</c>, the rows as the user message's last line.</summary>
    public async Task<Answer> BatchedChatAsync(string key, params BatchedRow[] rows) =>
        await BatchedChatAsync(key, BatchedRow.UserMessage(rows));

    public async Task<Answer> BatchedChatAsync(string key, string userMessage)
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = "llama-3.1-8b-instant",
            ["response_format"] = new Dictionary<string, string> { ["type"] = "json_object" },
            ["max_tokens"] = 400,
            ["messages"] = new object[]
            {
                new Dictionary<string, string> { ["role"] = "system", ["content"] = SystemPrompt },
                new Dictionary<string, string> { ["role"] = "user", ["content"] = userMessage },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await SendAsync(request);
    }

    public async Task<Answer> SearchAsync(string key, string query = "Acme Robotics")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.BaseUrl, "/search"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { q = query, num = 3 }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-API-KEY", key);
        return await SendAsync(request);
    }

    /// <summary>The prompt tokens the emulator charges for <see cref="ChatAsync"/> with message <paramref name="n"/>.</summary>
    public static int PromptTokens(int n) =>
        DefaultAnswers.Tokens(SystemPrompt) + DefaultAnswers.Tokens(UserPrompt(n));

    public void Dispose() => _http.Dispose();

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value));
        using var document = JsonDocument.Parse(text);
        return new Answer((int)response.StatusCode, headers, document.RootElement.Clone());
    }
}
