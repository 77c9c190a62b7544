using System.Text;
using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.CsvTestInput;

namespace PersonalizedLine.Tests.Csv;

public class LeadCsvReaderEncodingTests
{
    [Fact]
    public async Task Utf8WithoutBomIsRead()
    {
        var (reader, rows) = await ReadAllAsync(Utf8("name,city\nZoë,Köln\n"));

        Assert.Equal(["name", "city"], reader.Headers);
        Assert.Equal(["Zoë", "Köln"], Assert.Single(rows).Cells);
    }

    [Fact]
    public async Task Utf8BomIsNotPartOfTheFirstHeaderName()
    {
        var (reader, rows) = await ReadAllAsync(Utf8("name,city\nZoë,Köln\n", bom: true));

        Assert.Equal(["name", "city"], reader.Headers);
        Assert.Equal(["Zoë", "Köln"], Assert.Single(rows).Cells);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Utf16WithBomIsRead(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("name;city\r\nZoë;Łódź\r\n")).ToArray();

        var (reader, rows) = await ReadAllAsync(new MemoryStream(bytes));

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["name", "city"], reader.Headers);
        var row = Assert.Single(rows);
        Assert.Equal(["Zoë", "Łódź"], row.Cells);
        Assert.Equal(2, row.LineNumber);
    }

    [Fact]
    public async Task MultiByteCharactersCutByReadBoundariesAreValid()
    {
        // 3-byte characters make some reads end in the middle of a character.
        var text = new StringBuilder("name,note\n");
        for (var i = 0; i < 30_000; i++)
        {
            text.Append("€uro,").Append(i).Append('\n');
        }

        var (_, rows) = await ReadAllAsync(text.ToString());

        Assert.Equal(30_000, rows.Count);
        Assert.Equal(["€uro", "29999"], rows[^1].Cells);
    }

    [Fact]
    public async Task NulBytesAreRejectedAsBinary()
    {
        var error = await FailureAsync(new MemoryStream([(byte)'a', (byte)',', 0, (byte)'b', (byte)'\n']));

        Assert.Equal(CsvProblemKind.UnsupportedMediaType, error.Kind);
        Assert.Null(error.LineNumber);
        Assert.Contains("binary data (NUL bytes)", error.Message);
    }

    [Fact]
    public async Task XlsxWorkbookIsRejectedWithAdvice()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00];

        var error = await FailureAsync(new MemoryStream(zip));

        Assert.Equal(CsvProblemKind.UnsupportedMediaType, error.Kind);
        Assert.Equal("This looks like an Excel workbook (.xlsx), not a CSV. Save it as 'CSV UTF-8' and upload again.", error.Message);
    }

    [Fact]
    public async Task LegacyXlsWorkbookIsRejected()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00, 0x00];

        var error = await FailureAsync(new MemoryStream(ole));

        Assert.Equal(CsvProblemKind.UnsupportedMediaType, error.Kind);
        Assert.Contains("(.xls)", error.Message);
    }
}
