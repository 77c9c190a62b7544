using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.CsvTestInput;

namespace PersonalizedLine.Tests.Csv;

public class LeadCsvReaderParsingTests
{
    [Fact]
    public async Task CommaSeparatedFileIsDetected()
    {
        var (reader, rows) = await ReadAllAsync("name,company;x,email\nAnn,Acme;Ltd,ann@acme.test\n");

        Assert.Equal(',', reader.Delimiter);
        Assert.Equal(["name", "company;x", "email"], reader.Headers);
        Assert.Equal(["Ann", "Acme;Ltd", "ann@acme.test"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task SemicolonSeparatedFileIsDetected()
    {
        var (reader, rows) = await ReadAllAsync("name;\"company, legal\";revenue\nAnn;Acme, Inc;1,5\n");

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["name", "company, legal", "revenue"], reader.Headers);
        Assert.Equal(["Ann", "Acme, Inc", "1,5"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task TabSeparatedFileIsDetected()
    {
        var (reader, rows) = await ReadAllAsync("name\tcompany\temail\nAnn\tAcme, Inc\tann@acme.test\n");

        Assert.Equal('\t', reader.Delimiter);
        Assert.Equal(["name", "company", "email"], reader.Headers);
        Assert.Equal(["Ann", "Acme, Inc", "ann@acme.test"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task QuotedSeparatorsDoubledQuotesAndNewlinesArePreserved()
    {
        var text = "name,note,city\r\n"
            + "\"Smith, Ann\",\"She said \"\"hi\"\"\",Oslo\r\n"
            + "Bob,\"two\r\nlines\",Rome\r\n"
            + "Cy,\"lf\nonly\",\"\"\r\n"
            + "Di,after,Paris\r\n";

        var (_, rows) = await ReadAllAsync(text);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["Smith, Ann", "She said \"hi\"", "Oslo"], rows[0].Cells);
        Assert.Equal(["Bob", "two\r\nlines", "Rome"], rows[1].Cells);
        Assert.Equal(["Cy", "lf\nonly", ""], rows[2].Cells);
        Assert.Equal(["Di", "after", "Paris"], rows[3].Cells);
        Assert.Equal([2L, 3L, 5L, 7L], rows.Select(r => r.LineNumber));
    }

    [Fact]
    public async Task CellsAreNotTrimmedOrConverted()
    {
        var (reader, rows) = await ReadAllAsync(" name ,id\n  Ann  ,007\n");

        Assert.Equal([" name ", "id"], reader.Headers);
        Assert.Equal(["  Ann  ", "007"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task BlankLinesAreSkippedAndLineNumbersStayPhysical()
    {
        var (_, rows) = await ReadAllAsync("\nname,city\n\nAnn,Oslo\n\r\n\nBob,Rome\n\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(4, rows[0].LineNumber);
        Assert.Equal(["Bob", "Rome"], rows[1].Cells);
        Assert.Equal(7, rows[1].LineNumber);
    }

    [Fact]
    public async Task LineOfOnlySeparatorsIsARowOfEmptyCells()
    {
        var (_, rows) = await ReadAllAsync("a,b,c\n,,\nx,y,z\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(["", "", ""], rows[0].Cells);
        Assert.Null(rows[0].Problem);
        Assert.Equal(2, rows[0].LineNumber);
    }

    [Fact]
    public async Task ShortRowIsPaddedWithEmptyCells()
    {
        var (_, rows) = await ReadAllAsync("name,email,city,phone\nAnn,ann@x.test\n");

        var row = Assert.Single(rows);
        Assert.Equal(["Ann", "ann@x.test", "", ""], row.Cells);
        Assert.Null(row.Problem);
    }

    [Fact]
    public async Task LongRowKeepsHeaderCountCellsAndDescribesTheExtraValues()
    {
        var (_, rows) = await ReadAllAsync("name,email,city,phone\nAnn,ann@x.test,Oslo,123\n\nBob,bob@x.test,Rome,456,x,y\n");

        Assert.Null(rows[0].Problem);
        var row = rows[1];
        Assert.Equal(["Bob", "bob@x.test", "Rome", "456"], row.Cells);
        Assert.Equal(
            "Line 4 has 6 fields but the header has 4; extra values: \"x\" | \"y\". Quote fields that contain the separator.",
            row.Problem);
    }

    [Fact]
    public async Task TrailingEmptyExtraFieldsAreNotAProblem()
    {
        var (_, rows) = await ReadAllAsync("name,email\nAnn,ann@x.test,,\n");

        var row = Assert.Single(rows);
        Assert.Equal(["Ann", "ann@x.test"], row.Cells);
        Assert.Null(row.Problem);
    }

    [Fact]
    public async Task SingleColumnFileIsRead()
    {
        var (reader, rows) = await ReadAllAsync("email\nann@x.test\nbob@x.test");

        Assert.Equal(["email"], reader.Headers);
        Assert.Equal([["ann@x.test"], ["bob@x.test"]], rows.Select(r => r.Cells));
    }

    [Fact]
    public async Task RowsCanOnlyBeEnumeratedOnce()
    {
        var (reader, _) = await ReadAllAsync("a\n1\n");

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var unused in reader.ReadRowsAsync(CancellationToken.None))
            {
            }
        });
    }
}
