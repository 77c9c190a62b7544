using System.Text.Json;
using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// Ties the lines of a shared answer to their rows by id, never by position. Anything that could hand a row another
/// row's line sends the rows it touches back to be asked alone: an answer that is not the JSON asked for, or was cut
/// short (every row); a missing or duplicated id (that row); a line naming another row's company (that row). Lines
/// for ids that were not asked are ignored.
/// </summary>
public static class SharedAnswerReader
{
    /// <param name="content">The model's message content.</param>
    /// <param name="finishReason">The choice's <c>finish_reason</c>.</param>
    /// <param name="rows">The rows the request carried: their ids and (when known) their companies.</param>
    /// <returns>One outcome per row, in the order of <paramref name="rows"/>.</returns>
    public static IReadOnlyList<SharedRowLine> Read(string content, string? finishReason, IReadOnlyList<SharedRowIdentity> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (string.Equals(finishReason, "length", StringComparison.OrdinalIgnoreCase))
        {
            return All(rows, "the answer for several rows was cut off at its token limit");
        }

        var lines = ParseLines(content);
        if (lines is null)
        {
            return All(rows, "the answer for several rows was not the JSON asked for");
        }

        var outcomes = new SharedRowLine[rows.Count];
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var found = lines.Where(line => line.Id == row.Id).ToList();
            outcomes[index] = found.Count switch
            {
                0 => SharedRowLine.SendAlone("the answer for several rows had no line for this row"),
                > 1 => SharedRowLine.SendAlone("the answer for several rows had more than one line for this row"),
                _ => NamesAnotherCompany(found[0].Line, row, rows) is { } other
                    ? SharedRowLine.SendAlone($"the line written for this row named {other}, another row's company")
                    : SharedRowLine.Answered(found[0].Line),
            };
        }

        return outcomes;
    }

    private static SharedRowLine[] All(IReadOnlyList<SharedRowIdentity> rows, string reason) =>
        rows.Select(_ => SharedRowLine.SendAlone(reason)).ToArray();

    /// <summary>The <c>lines</c> array as (id, line) pairs; null when the content is not that JSON at all.</summary>
    private static List<(string Id, string Line)>? ParseLines(string content)
    {
        // JSON mode should give bare JSON; some models still fence it.
        var text = LineUnwrapper.DropCodeFences(content ?? string.Empty).Trim();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("lines", out var array)
                || array.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var lines = new List<(string, string)>();
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && IdOf(item) is { } id
                    && item.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.String)
                {
                    lines.Add((id, line.GetString()!));
                }
            }

            return lines;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Asked as strings; a model that turns "12" into 12 still means row 12.
    private static string? IdOf(JsonElement item) =>
        !item.TryGetProperty("id", out var id) ? null
        : id.ValueKind == JsonValueKind.String ? id.GetString()?.Trim()
        : id.ValueKind == JsonValueKind.Number ? id.GetRawText()
        : null;

    private static string? NamesAnotherCompany(string line, SharedRowIdentity row, IReadOnlyList<SharedRowIdentity> rows)
    {
        foreach (var other in rows)
        {
            if (other.Id != row.Id && other.Company is { Length: >= SharedRowIdentity.MinCompanyLength } company
                && !SameOrPart(company, row.Company)
                && CompanyMention.Contains(line, company))
            {
                return company;
            }
        }

        return null;
    }

    // "Acme" and "Acme Robotics" are not told apart: a line about one may well name the other. Whole words only:
    // "Northwind3" is not part of "Northwind32", so a line naming one is never taken for the other's.
    private static bool SameOrPart(string company, string? own) =>
        own is not null && (CompanyMention.Contains(own, company) || CompanyMention.Contains(company, own));
}
