using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Csv;

public class LargeUploadTests
{
    [Fact]
    public async Task TwoHundredThousandRowsAreStreamedWithoutHoldingTheFile()
    {
        const int RowCount = 200_000;
        await using var reader = await LeadCsvReader.OpenAsync(new GeneratedCsvStream(RowCount), CsvReadLimits.Default, CancellationToken.None);

        long count = 0;
        LeadCsvRow? last = null;
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            count++;
            last = row;
        }

        Assert.Equal(["id", "name", "company", "note"], reader.Headers);
        Assert.Equal(RowCount, count);
        Assert.NotNull(last);
        Assert.Equal(GeneratedCsvStream.CellsOf(RowCount), last.Cells);
        Assert.Equal(RowCount + 1, last.LineNumber);
        Assert.Null(last.Problem);
    }
}
