using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Reads one line of a batch output or error file into a <see cref="BatchResultLine"/>. Never throws for what the line
/// holds: a line that cannot be read becomes a result whose error says so, so one bad line costs one request, not the
/// file.
/// </summary>
public static class BatchResultParser
{
    public static BatchResultLine Parse(ReadOnlySequence<byte> line, int lineNumber, string fileId, ChatWireFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        BatchOutputLine? parsed;
        try
        {
            var reader = new Utf8JsonReader(line);
            parsed = JsonSerializer.Deserialize(ref reader, BatchJsonContext.Default.BatchOutputLine);
        }
        catch (JsonException ex)
        {
            return Unreadable(lineNumber, null, BatchResultLine.MalformedLine, $"Line {lineNumber} of batch file {fileId} is not valid JSON ({ex.Message}).");
        }

        if (parsed is null || (parsed.Response is null && parsed.Error is null))
        {
            return Unreadable(lineNumber, parsed?.CustomId, BatchResultLine.MalformedLine,
                $"Line {lineNumber} of batch file {fileId} is not a batch result (it has neither 'response' nor 'error').");
        }

        if (string.IsNullOrEmpty(parsed.CustomId))
        {
            return Unreadable(lineNumber, null, BatchResultLine.MissingCustomId,
                $"Line {lineNumber} of batch file {fileId} has no custom_id, so it cannot be matched to a request.");
        }

        return parsed.Response is { } response
            ? FromResponse(lineNumber, parsed.CustomId, response, parsed.Error, format)
            : new BatchResultLine(lineNumber, parsed.CustomId, null, null, parsed.Error!.Code ?? "error", parsed.Error.Message ?? "The request got no answer.");
    }

    private static BatchResultLine FromResponse(int lineNumber, string customId, BatchOutputResponse response, BatchOutputError? error, ChatWireFormat format)
    {
        var status = response.StatusCode;
        if (status is >= 200 and < 300 && error is null)
        {
            var completion = ReadCompletion(response.Body, format);
            return completion is not null
                ? new BatchResultLine(lineNumber, customId, status, completion, null, null)
                : new BatchResultLine(lineNumber, customId, status, null, BatchResultLine.MalformedCompletion,
                    string.Create(CultureInfo.InvariantCulture, $"The request was answered with HTTP {status}, but the body is not a chat completion."));
        }

        // An error body is OpenAI's {"error":{"message","type","code"}}; the line's own "error" wins when both are set.
        var (code, message) = ErrorOf(response.Body);
        code = error?.Code ?? code ?? string.Create(CultureInfo.InvariantCulture, $"http_{status}");
        message = error?.Message ?? message;
        var text = string.Create(CultureInfo.InvariantCulture, $"The request was answered with HTTP {status}") + (message is null ? "." : $": {message}");
        return new BatchResultLine(lineNumber, customId, status, null, code, text);
    }

    private static ChatCompletionResponse? ReadCompletion(JsonElement body, ChatWireFormat format)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return body.Deserialize(format.Response);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string? Code, string? Message) ErrorOf(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
        {
            return (null, body.ValueKind == JsonValueKind.Undefined ? null : ProviderErrorText.Excerpt(body.GetRawText()));
        }

        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()
            : error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()
            : null;
        return (code, ProviderErrorText.Excerpt(body.GetRawText()));
    }

    private static BatchResultLine Unreadable(int lineNumber, string? customId, string code, string message) =>
        new(lineNumber, customId, null, null, code, message);
}
