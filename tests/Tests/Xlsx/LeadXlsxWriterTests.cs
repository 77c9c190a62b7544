using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using PersonalizedLine.Grains.Xlsx;
using PersonalizedLine.Tests.Csv;

namespace PersonalizedLine.Tests.Xlsx;

public sealed class LeadXlsxWriterTests
{
    [Fact]
    public async Task AWrittenWorkbookReadsBackWithTheSameCells()
    {
        string[] headers = ["name", "zip", "note", "formula"];
        string[][] rows =
        [
            ["Zoë Müller", "00742", "line one\r\nline two\nthree", "=1+1"],
            ["_x0041_ stays as typed", "", "tab\there, bell\u0007, emoji 🚀", "  padded  "],
        ];
        var file = new MemoryStream();
        await using (var writer = LeadXlsxWriter.Create(file))
        {
            await writer.WriteHeaderAsync(headers, CancellationToken.None);
            await writer.WriteRowAsync(rows[0], "=HYPERLINK(\"x\") is text here", "ok", "", CancellationToken.None);
            await writer.WriteRowAsync(rows[1], "", "failed", "no company", CancellationToken.None);
            await writer.FlushAsync(CancellationToken.None);
        }

        using (var document = SpreadsheetDocument.Open(new MemoryStream(file.ToArray()), isEditable: false))
        {
            // The schema Excel checks against: a file that breaks it opens with a "repair" prompt.
            Assert.Empty(new OpenXmlValidator().Validate(document).Select(problem => $"{problem.Path?.XPath}: {problem.Description}"));
        }

        var (_, warnings, reader, read) = await ExportedFiles.RoundTripAsync(file.ToArray());

        Assert.Empty(warnings);
        Assert.Equal([.. headers, "personalized_line", "personalization_status", "personalization_error"], reader.Headers);
        Assert.Equal([.. rows[0], "=HYPERLINK(\"x\") is text here", "ok", ""], read[0].Cells);
        Assert.Equal([.. rows[1], "", "failed", "no company"], read[1].Cells);
        Assert.Equal([2L, 3L], read.Select(row => row.LineNumber));
    }

    [Fact]
    public async Task ACellLargerThanExcelHoldsIsRefusedBeforeTheFileIsUsed()
    {
        var file = new MemoryStream();
        await using var writer = LeadXlsxWriter.Create(file);
        await writer.WriteHeaderAsync(["name"], CancellationToken.None);

        var error = await Assert.ThrowsAsync<XlsxLimitException>(
            () => writer.WriteRowAsync([new string('x', LeadXlsxWriter.MaxCellChars + 1)], "", "ok", "", CancellationToken.None).AsTask());

        Assert.Equal(
            "Row 1 of the result has a cell of 32,768 characters in column 1; an Excel cell holds at most 32,767. Download it as CSV.",
            error.Message);
    }
}
