using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Support;

/// <summary>A parsed output CSV, read back with the product's own reader.</summary>
public sealed record CsvOutput(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static async Task<CsvOutput> ParseAsync(Stream csv)
    {
        await using var reader = await LeadCsvReader.OpenAsync(csv, CsvReadLimits.Default, CancellationToken.None);
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row.Cells);
        }

        return new CsvOutput(reader.Headers, rows);
    }

    public string Cell(int row, string column)
    {
        var index = Headers.ToList().IndexOf(column);
        Assert.True(index >= 0, $"The output has no column '{column}'. Columns: {string.Join(", ", Headers)}");
        return Rows[row][index];
    }
}
