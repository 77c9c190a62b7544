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

    /// <summary>Fails with every failed row's error, so a flaky provider or timeout names itself.</summary>
    public void AssertAllOk()
    {
        var failures = Enumerable.Range(0, Rows.Count)
            .Where(i => Cell(i, "personalization_status") != "ok")
            .Select(i => $"row {i}: {Cell(i, "personalization_error")}")
            .ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} row(s) failed:\n{string.Join("\n", failures.Take(10))}");
    }

    public string Cell(int row, string column)
    {
        var index = Headers.ToList().IndexOf(column);
        Assert.True(index >= 0, $"The output has no column '{column}'. Columns: {string.Join(", ", Headers)}");
        return Rows[row][index];
    }
}
