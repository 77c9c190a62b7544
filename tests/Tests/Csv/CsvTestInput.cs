using System.Text;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Csv;

/// <summary>Helpers to open and read test uploads.</summary>
internal static class CsvTestInput
{
    public static Stream Utf8(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return new MemoryStream(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    public static async Task<(LeadCsvReader Reader, List<LeadCsvRow> Rows)> ReadAllAsync(Stream input, CsvReadLimits? limits = null)
    {
        var reader = await LeadCsvReader.OpenAsync(input, limits ?? CsvReadLimits.Default, CancellationToken.None);
        var rows = new List<LeadCsvRow>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return (reader, rows);
    }

    public static Task<(LeadCsvReader Reader, List<LeadCsvRow> Rows)> ReadAllAsync(string text, CsvReadLimits? limits = null)
        => ReadAllAsync(Utf8(text), limits);

    /// <summary>Reads the whole input and returns the error it must fail with.</summary>
    public static async Task<CsvInputException> FailureAsync(Stream input, CsvReadLimits? limits = null)
        => await Assert.ThrowsAsync<CsvInputException>(async () =>
        {
            var (reader, _) = await ReadAllAsync(input, limits);
            await reader.DisposeAsync();
        });

    public static Task<CsvInputException> FailureAsync(string text, CsvReadLimits? limits = null) => FailureAsync(Utf8(text), limits);
}
