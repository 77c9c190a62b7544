using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// The message content of a batched chat answer, <c>{"lines":[{"id":"12","line":"…"},…]}</c> with one line per row in
/// input order, and what each batch fault does to it.
/// </summary>
internal static class BatchedCompletion
{
    /// <summary>The id of the extra line <see cref="FaultKind.BatchUnknownId"/> adds; no row has it.</summary>
    public const string UnknownId = "999999";

    public static (string Content, string FinishReason) Compose(IReadOnlyList<BatchedRow> rows, FaultKind? fault)
    {
        var lines = rows.Select(r => (r.Id, Line: DefaultAnswers.LineForLead(r.Lead))).ToList();
        switch (fault)
        {
            case FaultKind.BatchMissingId when lines.Count > 0:
                lines.RemoveAt(lines.Count - 1);
                break;
            case FaultKind.BatchSwappedIds when lines.Count >= 2:
                (lines[0], lines[1]) = ((lines[1].Id, lines[0].Line), (lines[0].Id, lines[1].Line));
                break;
            case FaultKind.BatchDuplicateId when lines.Count > 0:
                lines.Insert(1, (lines[0].Id, LeadGreeting.From(rows[0].Lead).SecondLine));
                break;
            case FaultKind.BatchUnknownId:
                lines.Add((UnknownId, LeadGreeting.From(new Dictionary<string, string>()).Line));
                break;
            case FaultKind.BatchInvalidJson:
                // What a chatty model writes when it ignores the JSON instruction.
                return ("Sure! Here are your lines:\n" + string.Join('\n', lines.Select(l => $"{l.Id}. {l.Line}")), "stop");
        }

        var json = Serialize(lines);
        return fault == FaultKind.BatchTruncated ? (json[..(json.Length / 2)], "length") : (json, "stop");
    }

    private static string Serialize(List<(string Id, string Line)> lines)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, JsonResponses.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("lines");
            foreach (var (id, line) in lines)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("line", line);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
