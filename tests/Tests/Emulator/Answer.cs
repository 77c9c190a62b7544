using System.Globalization;
using System.Text.Json;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>One emulator answer as a client sees it: status, headers (lower-case names) and JSON body.</summary>
internal sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public long LongHeader(string name) =>
        long.Parse(Header(name) ?? throw new InvalidOperationException($"No {name} header."), CultureInfo.InvariantCulture);

    public TimeSpan DurationHeader(string name) =>
        GoDuration.TryParse(Header(name), out var duration) ? duration : throw new InvalidOperationException($"{name} is not a Go duration: {Header(name)}");

    public int RetryAfterSeconds =>
        int.Parse(Header("retry-after") ?? throw new InvalidOperationException("No retry-after header."), CultureInfo.InvariantCulture);

    public string ErrorMessage => Body.GetProperty("error").GetProperty("message").GetString()!;

    public string ErrorType => Body.GetProperty("error").GetProperty("type").GetString()!;

    public string? ErrorCode => Body.GetProperty("error").GetProperty("code").GetString();

    public int PromptTokens => Body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
}
