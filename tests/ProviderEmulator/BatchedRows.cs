using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// Reads the rows of a batched chat request: the user message ends with one line holding a JSON array of
/// <c>{"id":"…","lead":{…},"research":"…"}</c>, so the last line that starts with <c>[</c> is the array.
/// </summary>
internal static class BatchedRows
{
    /// <summary>The rows in order, or null with <paramref name="error"/> saying what is wrong with the message.</summary>
    public static IReadOnlyList<BatchedRow>? Read(string userMessage, out string? error)
    {
        var line = userMessage.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith('['));
        if (line is null)
        {
            error = "A request with response_format json_object must end with a line holding the JSON array of rows.";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                error = "The last line starting with '[' is not a JSON array.";
                return null;
            }

            var rows = new List<BatchedRow>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var id = EmulatorRequests.GetString(item, "id");
                if (id is null)
                {
                    error = $"Row {rows.Count + 1} of the JSON array has no string \"id\".";
                    return null;
                }

                rows.Add(new BatchedRow(id, LeadOf(item), EmulatorRequests.GetString(item, "research") ?? string.Empty));
            }

            error = null;
            return rows;
        }
        catch (JsonException e)
        {
            error = $"The JSON array of rows cannot be parsed: {e.Message}";
            return null;
        }
    }

    // The lead's values are strings on the wire; anything else is kept as its JSON text rather than refused.
    private static Dictionary<string, string> LeadOf(JsonElement row)
    {
        var lead = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (row.TryGetProperty("lead", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
            {
                lead[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
            }
        }

        return lead;
    }
}
