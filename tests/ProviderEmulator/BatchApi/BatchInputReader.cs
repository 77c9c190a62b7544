using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// Reads a batch input file line by line from its bytes, with OpenAI's rules: each non-blank line is
/// <c>{"custom_id":…,"method":"POST","url":&lt;the batch's endpoint&gt;,"body":{…}}</c> and custom ids are unique.
/// </summary>
internal static class BatchInputReader
{
    // A file full of mistakes does not need ten thousand entries to say so.
    private const int MaxErrors = 100;

    public static BatchInput Read(byte[] content, string endpoint)
    {
        var requests = new List<BatchInputLine>();
        var errors = new List<BatchError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var total = 0;
        var lineNumber = 0;
        for (var start = 0; start < content.Length;)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            end = end < 0 ? content.Length : end;
            var line = content.AsMemory(start, end - start);
            start = end + 1;
            lineNumber++;
            if (line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            total++;
            var request = ReadLine(line, lineNumber, endpoint, out var error);
            if (request is not null && !seen.Add(request.CustomId))
            {
                error = new BatchError("duplicate_custom_id",
                    "The custom_id for this request is a duplicate of another request. "
                    + "The custom_id parameter must be unique for each individual request in a batch.",
                    lineNumber);
            }

            if (error is null)
            {
                requests.Add(request!);
            }
            else if (errors.Count < MaxErrors)
            {
                errors.Add(error);
            }
        }

        if (total == 0)
        {
            errors.Add(new BatchError("empty_file", "The input file is empty.", null));
        }

        return new BatchInput(requests, errors, total);
    }

    private static BatchInputLine? ReadLine(ReadOnlyMemory<byte> line, int lineNumber, string endpoint, out BatchError? error)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var customId = EmulatorRequests.GetString(root, "custom_id");
            error = string.IsNullOrEmpty(customId) ? Missing("custom_id", lineNumber)
                : EmulatorRequests.GetString(root, "method") != "POST"
                    ? new BatchError("invalid_method", "The method for this request must be POST.", lineNumber)
                : EmulatorRequests.GetString(root, "url") != endpoint
                    ? new BatchError("invalid_url", $"The url for this request does not match the batch's endpoint {endpoint}.", lineNumber)
                : !root.TryGetProperty("body", out var body) || body.ValueKind != JsonValueKind.Object ? Missing("body", lineNumber)
                : null;
            return error is null ? new BatchInputLine(lineNumber, customId!, root.GetProperty("body").GetRawText()) : null;
        }
        catch (JsonException)
        {
            error = new BatchError("invalid_json_line", "This line is not parseable as valid JSON.", lineNumber);
            return null;
        }
    }

    private static BatchError Missing(string parameter, int lineNumber) =>
        new("missing_required_parameter", $"The request is missing the required parameter '{parameter}'.", lineNumber);
}
