using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Tests.Csv;
using static PersonalizedLine.Tests.Xlsx.TestCell;

namespace PersonalizedLine.Tests.Xlsx;

public sealed class XlsxLeadReaderTests
{
    [Fact]
    public async Task CellsAreReadAsTheSheetShowsThemDatesAndNumbersFormattedGapsEmpty()
    {
        var workbook = new TestWorkbook().Sheet("Leads",
            [Text("A1", "name"), Text("B1", "company"), Text("C1", "signed"), Text("D1", "share"), Text("E1", "revenue"),
                Text("F1", "active"), Text("G1", "phone"), Text("H1", "score"), Text("I1", "since")],
            [Text("A2", "Zoë"), InlineText("B2", "Acme, Inc."), Date("C2", new DateTime(2024, 3, 5)), Number("D2", 0.125, TestWorkbook.PercentTwoDecimals),
                Number("E2", 1234.5, TestWorkbook.ThousandsTwoDecimals), Boolean("F2", true), Number("G2", 4915112345678),
                Number("H2", 0.1 + 0.2), Date("I2", new DateTime(2023, 12, 1), TestWorkbook.DayMonthYear)],
            [Text("A3", "Bob"), Date("C3", new DateTime(2024, 1, 31), TestWorkbook.LongDate), Number("D3", 0.5, TestWorkbook.Percent),
                Number("E3", 3, TestWorkbook.FixedTwoDecimals), Boolean("F3", false), Number("H3", -2.5)],
            [Text("A5", "Cy")]);

        var (output, warnings, reader, rows) = await ExportedFiles.RoundTripAsync(workbook.ToBytes());

        Assert.Equal(',', reader.Delimiter);
        Assert.Empty(warnings);
        Assert.Equal([2L, 3L, 5L], rows.Select(row => row.LineNumber));
        Assert.Equal(["Zoë", "Acme, Inc.", "2024-03-05", "12.50%", "1,234.50", "TRUE", "4915112345678", "0.3", "01/12/2023"], rows[0].Cells);
        Assert.Equal(["Bob", "", "31 January 2024", "50%", "3.00", "FALSE", "", "-2.5", ""], rows[1].Cells);
        Assert.Equal(
            "name,company,signed,share,revenue,active,phone,score,since,personalized_line,personalization_status,personalization_error\r\n"
            + "Zoë,\"Acme, Inc.\",2024-03-05,12.50%,\"1,234.50\",TRUE,4915112345678,0.3,01/12/2023,line 2,ok,\r\n"
            + "Bob,,31 January 2024,50%,3.00,FALSE,,-2.5,,line 3,ok,\r\n"
            + "Cy,,,,,,,,,line 5,ok,\r\n",
            output);
    }

    [Fact]
    public async Task TheFirstSheetIsReadByDefaultAndTheOthersAreNamed()
    {
        var (_, warnings, reader, rows) = await ExportedFiles.RoundTripAsync(ThreeSheets());

        Assert.Equal(["name", "company"], reader.Headers);
        Assert.Equal(["Ann", "Acme"], Assert.Single(rows).Cells);
        Assert.Equal(
            "The workbook has 3 sheets ('Leads', 'Archive', 'Notes'); the first, 'Leads', was read. Send sheet=NAME to read another.",
            Assert.Single(warnings));
    }

    [Fact]
    public async Task ASheetIsChosenByNameIgnoringCase()
    {
        var (output, warnings, _, _) = await ExportedFiles.RoundTripAsync(ThreeSheets(), sheet: "archive");

        Assert.Empty(warnings);
        Assert.Equal(
            "first_name,company,personalized_line,personalization_status,personalization_error\r\nOld,Initech,line 3,ok,\r\n",
            output);
    }

    [Fact]
    public async Task AnUnknownSheetIsRefusedNamingTheSheetsThereAre()
    {
        var error = await ExportedFiles.FailureAsync(ThreeSheets(), sheet: "Leeds");

        Assert.Equal(CsvProblemKind.UnknownSheet, error.Kind);
        Assert.Equal(
            "The workbook has no sheet named 'Leeds'. Its sheets are 'Leads', 'Archive', 'Notes': send one of these names as sheet, or leave sheet out to read the first.",
            error.Message);
    }

    [Fact]
    public async Task ValuesRightOfTheHeaderAreKeptOnTheRowAsItsProblem()
    {
        var workbook = new TestWorkbook().Sheet("Leads",
            [Text("A1", "name"), Text("B1", "company")],
            [Text("A2", "Ann"), Text("B2", "Acme"), Text("D2", "stray")]);

        var (_, _, _, rows) = await ExportedFiles.RoundTripAsync(workbook.ToBytes());

        var row = Assert.Single(rows);
        Assert.Equal(["Ann", "Acme"], row.Cells);
        Assert.Equal(
            "Row 2 has values right of the last named column (B): D: \"stray\". Give those columns a name in the header row, or delete the values.",
            row.Problem);
    }

    [Fact]
    public async Task AHeaderWithAGapIsRefusedLikeACsvHeader()
    {
        var workbook = new TestWorkbook().Sheet("Leads", [Text("A1", "name"), Text("C1", "company")], [Text("A2", "Ann")]);

        var error = await ExportedFiles.FailureAsync(workbook.ToBytes());

        Assert.StartsWith("Column 2 has no name in the header.", error.Message);
    }

    [Fact]
    public async Task TheRowLimitAppliesAsForACsv()
    {
        var workbook = new TestWorkbook().TextSheet("Leads", ["name"], ["a"], ["b"], ["c"]);
        await using var reader = await LeadFileReader.OpenAsync(
            new MemoryStream(workbook.ToBytes()), CsvReadLimits.Default with { MaxRows = 2 }, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<CsvInputException>(async () =>
        {
            await foreach (var unused in reader.ReadRowsAsync(CancellationToken.None))
            {
            }
        });

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(4, error.LineNumber);
        Assert.StartsWith("Row 4: the sheet has more than 2 data rows", error.Message);
    }

    [Fact]
    public async Task ACellOverTheFieldLimitIsRefusedWithItsReference()
    {
        var workbook = new TestWorkbook().TextSheet("Leads", ["name", "note"], ["Ann", new string('x', 51)]);

        var error = await Assert.ThrowsAsync<CsvInputException>(async () =>
        {
            await using var reader = await LeadFileReader.OpenAsync(
                new MemoryStream(workbook.ToBytes()), CsvReadLimits.Default with { MaxFieldChars = 50 }, null, CancellationToken.None);
            await foreach (var unused in reader.ReadRowsAsync(CancellationToken.None))
            {
            }
        });

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.StartsWith("Row 2, cell B2 has 51 characters; the limit is 50.", error.Message);
    }

    [Fact]
    public async Task AZipThatIsNotAWorkbookIsRefusedAsUnsupported()
    {
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("readme.txt").Open());
            entry.Write("not a workbook");
        }

        var error = await ExportedFiles.FailureAsync(zip.ToArray());

        Assert.Equal(CsvProblemKind.UnsupportedMediaType, error.Kind);
        Assert.StartsWith("This file is a ZIP archive but not an Excel workbook (.xlsx) that can be read", error.Message);
    }

    public static byte[] ThreeSheets() => new TestWorkbook()
        .TextSheet("Leads", ["name", "company"], ["Ann", "Acme"])
        .Sheet("Archive", [Text("A2", "first_name"), Text("B2", "company")], [Text("A3", "Old"), Text("B3", "Initech")])
        .TextSheet("Notes", ["nothing here"])
        .ToBytes();
}
