using System.Text;
using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.ExportedFiles;

namespace PersonalizedLine.Tests.Csv;

public sealed class BareQuoteTests
{
    [Fact]
    public async Task AQuoteInsideAnUnquotedFieldIsALiteralCharacterAndCounted()
    {
        var upload = "name,site,screen\n"
            + "Ann,=HYPERLINK(\"http://x.example\"),5\" screen\n"
            + "Bob,\"quoted, \"\"as RFC 4180 says\"\"\",none\n"
            + "Cy,plain,27\"\n";

        var (output, warnings, _, rows) = await RoundTripAsync(Encoding.UTF8.GetBytes(upload));

        Assert.Equal(["Ann", "=HYPERLINK(\"http://x.example\")", "5\" screen"], rows[0].Cells);
        Assert.Equal(["Bob", "quoted, \"as RFC 4180 says\"", "none"], rows[1].Cells);
        Assert.Equal(["Cy", "plain", "27\""], rows[2].Cells);
        Assert.Equal(
            "3 cells had a bare quote (\") inside an unquoted field (first on line 2); read as a literal character, as Excel does.",
            Assert.Single(warnings));

        // The output is RFC 4180: those cells are quoted, their quotes doubled, so every reader gets the same text back.
        Assert.Equal(
            "name,site,screen,personalized_line,personalization_status,personalization_error\r\n"
            + "Ann,\"=HYPERLINK(\"\"http://x.example\"\")\",\"5\"\" screen\",line 2,ok,\r\n"
            + "Bob,\"quoted, \"\"as RFC 4180 says\"\"\",none,line 3,ok,\r\n"
            + "Cy,plain,\"27\"\"\",line 4,ok,\r\n",
            output);
    }

    [Fact]
    public async Task ABareQuoteInTheHeaderIsPartOfTheName()
    {
        var (_, warnings, reader, rows) = await RoundTripAsync(Encoding.UTF8.GetBytes("name,size in \"\nAnn,27\n"));

        Assert.Equal(["name", "size in \""], reader.Headers);
        Assert.Equal(["Ann", "27"], rows[0].Cells);
        Assert.StartsWith("1 cell had a bare quote (\") inside an unquoted field (first on line 1)", Assert.Single(warnings));
    }

    [Fact]
    public async Task AQuotedFieldLeftOpenAfterABareQuoteStillFailsInsteadOfMergingRows()
    {
        // The row's first problem is the bare quote; the quoted field after it never closes and would swallow the rest.
        var upload = "name,screen,note\nAnn,5\" screen,\"never closed\nBob,ok,fine\nCy,ok,fine\n";

        var error = await FailureAsync(Encoding.UTF8.GetBytes(upload));

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Line 2: a quoted field is never closed (unterminated quote).", error.Message);
    }

    [Fact]
    public async Task TextAfterAClosingQuoteAfterABareQuoteStillFails()
    {
        var error = await FailureAsync(Encoding.UTF8.GetBytes("name,screen,note\nAnn,5\" screen,\"closed\"late\n"));

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.StartsWith("Line 2: there is text after the closing quote", error.Message);
    }
}
