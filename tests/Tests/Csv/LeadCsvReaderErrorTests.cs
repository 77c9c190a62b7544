using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.CsvTestInput;

namespace PersonalizedLine.Tests.Csv;

public class LeadCsvReaderErrorTests
{
    [Fact]
    public async Task UnterminatedQuoteIsReportedWithTheLineItStartsOn()
    {
        var error = await FailureAsync("name,note\nAnn,ok\n\nBob,\"never closed\nCy,fine\nDi,fine\n");

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(4, error.LineNumber);
        Assert.Equal("Line 4: a quoted field is never closed (unterminated quote). Check for a stray \" in that row.", error.Message);
    }

    [Fact]
    public async Task TextAfterAClosingQuoteIsReported()
    {
        var error = await FailureAsync("name,note\n\"Ann\"x,ok\n");

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(2, error.LineNumber);
        Assert.StartsWith("Line 2: there is text after the closing quote", error.Message);
    }

    [Fact]
    public async Task MalformedHeaderIsReportedWhenOpening()
    {
        var error = await Assert.ThrowsAsync<CsvInputException>(
            () => LeadCsvReader.OpenAsync(Utf8("name,\"no\"te\nAnn,ok\n"), CsvReadLimits.Default, CancellationToken.None));

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(1, error.LineNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\n \t \n")]
    public async Task EmptyFileIsRejected(string text)
    {
        var error = await Assert.ThrowsAsync<CsvInputException>(
            () => LeadCsvReader.OpenAsync(Utf8(text), CsvReadLimits.Default, CancellationToken.None));

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal("The file is empty.", error.Message);
        Assert.Null(error.LineNumber);
    }

    [Fact]
    public async Task BomOnlyFileIsEmpty()
    {
        var error = await FailureAsync(Utf8("", bom: true));

        Assert.Equal("The file is empty.", error.Message);
    }

    [Fact]
    public async Task HeaderWithoutDataRowsIsRejectedWhenRowsAreRead()
    {
        await using var reader = await LeadCsvReader.OpenAsync(Utf8("name,email\r\n\r\n"), CsvReadLimits.Default, CancellationToken.None);
        Assert.Equal(["name", "email"], reader.Headers);

        var error = await Assert.ThrowsAsync<CsvInputException>(async () =>
        {
            await foreach (var unused in reader.ReadRowsAsync(CancellationToken.None))
            {
            }
        });

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.StartsWith("The file has a header but no data rows.", error.Message);
    }

    [Fact]
    public async Task EmptyHeaderNameIsRejected()
    {
        var error = await FailureAsync("name,email,  ,city\nAnn,a@x.test,x,Oslo\n");

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith("Column 3 has no name in the header.", error.Message);
    }

    [Fact]
    public async Task DuplicateHeaderNameIsRejectedNamingBothColumns()
    {
        var error = await FailureAsync("name,Email,city,phone, email \nAnn,a,b,c,d\n");

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.StartsWith("Column name 'Email' appears twice in the header (columns 2 and 5).", error.Message);
    }
}
