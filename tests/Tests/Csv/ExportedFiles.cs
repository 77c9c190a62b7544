using System.Text;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Csv;

/// <summary>Reads an upload through the same entry point as a job (<see cref="LeadFileReader"/>) and writes it back as the job's CSV would be.</summary>
internal static class ExportedFiles
{
    public static async Task<(string Output, IReadOnlyList<string> Warnings, ILeadFileReader Reader, List<LeadCsvRow> Rows)> RoundTripAsync(
        byte[] upload, string? sheet = null)
    {
        await using var reader = await LeadFileReader.OpenAsync(new MemoryStream(upload), CsvReadLimits.Default, sheet, CancellationToken.None);
        var rows = new List<LeadCsvRow>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, reader.Delimiter))
        {
            await writer.WriteHeaderAsync(reader.Headers, CancellationToken.None);
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row.Cells, $"line {row.LineNumber}", "ok", string.Empty, CancellationToken.None);
            }

            await writer.FlushAsync(CancellationToken.None);
        }

        // Decoded strictly: output that is not UTF-8 fails here instead of comparing garbled text.
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output.ToArray());
        return (text, reader.Warnings, reader, rows);
    }

    public static async Task<CsvInputException> FailureAsync(byte[] upload, string? sheet = null) =>
        await Assert.ThrowsAsync<CsvInputException>(() => RoundTripAsync(upload, sheet));
}
