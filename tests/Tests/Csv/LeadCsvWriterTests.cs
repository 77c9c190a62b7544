using System.Text;
using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.CsvTestInput;

namespace PersonalizedLine.Tests.Csv;

public class LeadCsvWriterTests
{
    [Fact]
    public async Task WriterProducesUtf8WithoutBomCrlfAndQuotesOnlyWhenNeeded()
    {
        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, ','))
        {
            await writer.WriteHeaderAsync(["name", "note"], CancellationToken.None);
            await writer.WriteRowAsync(["Ann", "a, \"b\""], "Hi Ann", "ok", "", CancellationToken.None);
        }

        var bytes = output.ToArray();
        Assert.False(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]));
        Assert.Equal(
            "name,note,personalized_line,personalization_status,personalization_error\r\n"
            + "Ann,\"a, \"\"b\"\"\",Hi Ann,ok,\r\n",
            Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public async Task WriterLeavesTheOutputOpenByDefault()
    {
        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, ';'))
        {
            await writer.WriteHeaderAsync(["a"], CancellationToken.None);
        }

        Assert.True(output.CanWrite);
        Assert.Equal("a;personalized_line;personalization_status;personalization_error\r\n", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task WriterClosesTheOutputWhenToldTo()
    {
        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, ',', leaveOpen: false))
        {
            await writer.WriteHeaderAsync(["a"], CancellationToken.None);
        }

        Assert.False(output.CanWrite);
    }

    [Fact]
    public async Task GeneratedCellsAreNeutralizedButInputCellsAreNot()
    {
        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, ','))
        {
            await writer.WriteHeaderAsync(["formula"], CancellationToken.None);
            await writer.WriteRowAsync(["=1+1"], "=HYPERLINK(\"x\")", "ok", "@error", CancellationToken.None);
        }

        var (_, rows) = await ReadAllAsync(new MemoryStream(output.ToArray()));
        Assert.Equal(["=1+1", "'=HYPERLINK(\"x\")", "ok", "'@error"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task RowWithTheWrongNumberOfInputCellsIsRefused()
    {
        await using var writer = LeadCsvWriter.Create(new MemoryStream(), ',');
        await writer.WriteHeaderAsync(["a", "b"], CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(
            () => writer.WriteRowAsync(["only one"], "", "", "", CancellationToken.None).AsTask());
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public async Task ReadThenWriteThenReadAgainKeepsEveryCell(char separator)
    {
        var s = separator.ToString();
        var input = string.Join("\r\n",
            string.Join(s, "name", "\"quoted" + s + " header\"", "note"),
            string.Join(s, "Ann", "\"a" + s + "b\"", "\"multi\r\nline \"\"q\"\"\""),
            string.Join(s, "  spaced  ", "", "=SUM(A1)"),
            string.Join(s, "Zoë", "\"lf\nonly\"", "-5"),
            "");
        var (reader, rows) = await ReadAllAsync(input);
        Assert.Equal(separator, reader.Delimiter);

        var output = new MemoryStream();
        await using (var writer = LeadCsvWriter.Create(output, reader.Delimiter))
        {
            await writer.WriteHeaderAsync(reader.Headers, CancellationToken.None);
            foreach (var row in rows)
            {
                await writer.WriteRowAsync(row.Cells, "line " + row.LineNumber, "ok", "", CancellationToken.None);
            }
        }

        var (again, againRows) = await ReadAllAsync(new MemoryStream(output.ToArray()));
        Assert.Equal(separator, again.Delimiter);
        Assert.Equal(OutputColumns.For(reader.Headers), again.Headers);
        Assert.Equal(rows.Count, againRows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(rows[i].Cells, againRows[i].Cells.Take(reader.Headers.Count));
            Assert.Equal(["line " + rows[i].LineNumber, "ok", ""], againRows[i].Cells.Skip(reader.Headers.Count));
        }

        Assert.Equal(["  spaced  ", "", "=SUM(A1)"], againRows[1].Cells.Take(3));
    }
}
