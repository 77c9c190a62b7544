using System.Text;
using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.ExportedFiles;

namespace PersonalizedLine.Tests.Csv;

public sealed class LegacyEncodingTests
{
    private static readonly Encoding Windows1252 = CodePages(1252);

    [Fact]
    public async Task AWindows1252FileComesBackAsTheSameTextInUtf8()
    {
        // Excel's plain "CSV" on Windows: é E9, ü FC, € 80, ’ 92 are single bytes, none of them valid UTF-8.
        byte[] upload = [.. "name;company;note\r\nRen"u8, 0xE9, .. ";M"u8, 0xFC, .. "ller GmbH;costs 5"u8, 0x80, .. "\r\nJo"u8, 0x92, .. "s;Caf"u8, 0xE9, .. ";\r\n"u8];

        var (output, warnings, reader, rows) = await RoundTripAsync(upload);

        Assert.Equal(';', reader.Delimiter);
        Assert.Equal(["René", "Müller GmbH", "costs 5€"], rows[0].Cells);
        Assert.Equal(["Jo’s", "Café", ""], rows[1].Cells);
        var expected = "name;company;note;personalized_line;personalization_status;personalization_error\r\n"
            + "René;Müller GmbH;costs 5€;line 2;ok;\r\n"
            + "Jo’s;Café;;line 3;ok;\r\n";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(output));
        var warning = Assert.Single(warnings);
        Assert.StartsWith("The file is not UTF-8 (line 2 is the first that is not): it was read as Windows-1252", warning);
    }

    [Fact]
    public async Task ALatin1FileIsReadLetterForLetter()
    {
        var upload = Encoding.Latin1.GetBytes("name,city\nZoë Ñandú,Kraków\nJosé,São Paulo ß\n");

        var (output, _, _, rows) = await RoundTripAsync(upload);

        Assert.Equal(["Zoë Ñandú", "Kraków"], rows[0].Cells);
        Assert.Equal(["José", "São Paulo ß"], rows[1].Cells);
        Assert.Equal(
            Encoding.UTF8.GetBytes("name,city,personalized_line,personalization_status,personalization_error\r\n"
                + "Zoë Ñandú,Kraków,line 2,ok,\r\nJosé,São Paulo ß,line 3,ok,\r\n"),
            Encoding.UTF8.GetBytes(output));
    }

    [Fact]
    public async Task AUtf8FileGetsNoEncodingWarning()
    {
        var (_, warnings, _, rows) = await RoundTripAsync(Encoding.UTF8.GetBytes("name,city\nZoë,Köln\n"));

        Assert.Empty(warnings);
        Assert.Equal(["Zoë", "Köln"], rows[0].Cells);
    }

    [Fact]
    public async Task UnicodeAndWindows1252InTheFirstBlockAreRefusedNamingBothLines()
    {
        // Line 2 was typed in a UTF-8 editor (é is C3 A9), line 3 pasted from a Windows export (é is E9).
        byte[] upload = [.. "name,city\nZo"u8, 0xC3, 0xAB, .. ",Paris\nRen"u8, 0xE9, .. ",Lyon\n"u8];

        var error = await FailureAsync(upload);

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Line 2 has UTF-8 text, but line 3 has text that is not UTF-8 (it reads as Windows-1252): the file mixes two encodings", error.Message);
    }

    [Fact]
    public async Task UnicodeAfterTheFirstBlockOfAWindows1252FileIsRefusedWithItsLine()
    {
        // The first block (1 MiB) decides Windows-1252; UTF-8 far below it would become mojibake, so it is refused.
        var upload = new List<byte>("name,city\r\nRen"u8.ToArray()) { 0xE9 };
        upload.AddRange(",Lyon\r\n"u8.ToArray());
        for (var i = 0; i < 100_000; i++)
        {
            upload.AddRange("Anna,Berlin\r\n"u8.ToArray());
        }

        upload.AddRange("Zo"u8.ToArray());
        upload.AddRange(new byte[] { 0xC3, 0xAB });
        upload.AddRange(",Paris\r\n"u8.ToArray());

        var error = await FailureAsync([.. upload]);

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(100_003, error.LineNumber);
        Assert.StartsWith("Line 100003 has UTF-8 text, but line 2 has text that is not UTF-8", error.Message);
    }

    [Fact]
    public async Task Windows1252BytesAfterTheFirstBlockOfAUtf8FileAreRefusedWithTheirLine()
    {
        var text = new StringBuilder("name,city\r\nZoë,Köln\r\n");
        for (var i = 0; i < 100_000; i++)
        {
            text.Append("Anna,Berlin\r\n");
        }

        byte[] upload = [.. Encoding.UTF8.GetBytes(text.ToString()), (byte)'R', 0xE9, .. "ne,X\r\n"u8];

        var error = await FailureAsync(upload);

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(100_003, error.LineNumber);
        Assert.Equal(
            "Line 100003 is not valid UTF-8 text, although the start of the file is: the file mixes two encodings. "
            + "Save the whole file as UTF-8 (in Excel: 'CSV UTF-8') and upload again.",
            error.Message);
    }

    [Fact]
    public async Task AWindows1252FileWhoseFirstAccentIsFarDownIsReadAsWindows1252()
    {
        // The first block is plain ASCII, the same in both encodings: the first byte that is not decides.
        var upload = new List<byte>(AsciiRows(100_000));
        upload.AddRange([.. "Ren"u8, 0xE9, .. ",Caf"u8, 0xE9, .. " 5"u8, 0x80, .. "\r\n"u8]);

        var (output, warnings, _, rows) = await RoundTripAsync([.. upload]);

        Assert.Equal(100_001, rows.Count);
        Assert.Equal(["René", "Café 5€"], rows[^1].Cells);
        Assert.EndsWith("\r\nRené,Café 5€,line 100002,ok,\r\n", output);
        Assert.Equal(InputWarnings.ReadAsWindows1252(100_002), Assert.Single(warnings));
    }

    [Fact]
    public async Task AUtf8FileWhoseFirstAccentIsFarDownIsReadAsUtf8()
    {
        // Thousands of 3-byte characters after the decision: some are cut by read boundaries.
        var upload = new List<byte>(AsciiRows(100_000));
        for (var i = 0; i < 20_000; i++)
        {
            upload.AddRange(Encoding.UTF8.GetBytes($"€uro {i},Köln\r\n"));
        }

        var (_, warnings, _, rows) = await RoundTripAsync([.. upload]);

        Assert.Empty(warnings);
        Assert.Equal(120_000, rows.Count);
        Assert.Equal(["€uro 19999", "Köln"], rows[^1].Cells);
    }

    [Fact]
    public async Task AFileDecidedAsWindows1252LateThatTurnsToUtf8IsRefusedNamingBothLines()
    {
        var upload = new List<byte>(AsciiRows(100_000));
        upload.AddRange([.. "Ren"u8, 0xE9, .. ",Lyon\r\nZo"u8, 0xC3, 0xAB, .. ",Paris\r\n"u8]);

        var error = await FailureAsync([.. upload]);

        Assert.Equal(100_003, error.LineNumber);
        Assert.StartsWith("Line 100003 has UTF-8 text, but line 100002 has text that is not UTF-8", error.Message);
    }

    [Fact]
    public async Task AFileDecidedAsUtf8LateThatTurnsToWindows1252IsRefusedWithTheLine()
    {
        var upload = new List<byte>(AsciiRows(100_000));
        upload.AddRange([.. "Zo"u8, 0xC3, 0xAB, .. ",Paris\r\nRen"u8, 0xE9, .. ",Lyon\r\n"u8]);

        var error = await FailureAsync([.. upload]);

        Assert.Equal(100_003, error.LineNumber);
        Assert.StartsWith("Line 100003 is not valid UTF-8 text, although the start of the file is", error.Message);
    }

    [Fact]
    public async Task AWindows1252CharacterCutByReadBoundariesIsNeverMistakenForUtf8()
    {
        // Every row has Ã (C3) then a space: never UTF-8, wherever a read boundary falls.
        var text = new StringBuilder("name,city\n");
        for (var i = 0; i < 120_000; i++)
        {
            text.Append("\u00C3 ").Append(i).Append(",Berlin\n");
        }

        var (_, _, _, rows) = await RoundTripAsync(Windows1252.GetBytes(text.ToString()));

        Assert.Equal(120_000, rows.Count);
        Assert.Equal(["\u00C3 119999", "Berlin"], rows[^1].Cells);
    }

    private static byte[] AsciiRows(int rows)
    {
        var text = new StringBuilder("name,city\r\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append("Anna,Berlin\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static Encoding CodePages(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
