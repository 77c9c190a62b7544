using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.CsvTestInput;

namespace PersonalizedLine.Tests.Csv;

public class LeadCsvReaderLimitTests
{
    [Fact]
    public async Task FieldLongerThanTheLimitIsRejectedNamingLineColumnAndSetting()
    {
        var limits = new CsvReadLimits { MaxFieldChars = 10 };

        var error = await FailureAsync("name,note\nAnn,short\nBob,\"" + new string('x', 11) + "\"\n", limits);

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(3, error.LineNumber);
        Assert.Equal(
            "Line 3, column 2 ('note') has 11 characters; the limit is 10. Shorten that cell, or ask the operator to raise Upload__MaxFieldChars.",
            error.Message);
    }

    [Fact]
    public async Task FieldAtTheLimitIsAccepted()
    {
        var (_, rows) = await ReadAllAsync("name\n" + new string('x', 10) + "\n", new CsvReadLimits { MaxFieldChars = 10 });

        Assert.Equal(10, Assert.Single(rows).Cells[0].Length);
    }

    [Fact]
    public async Task MoreRowsThanTheLimitAreRejected()
    {
        var limits = new CsvReadLimits { MaxRows = 2 };

        var error = await FailureAsync("n\n1\n2\n3\n", limits);

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(4, error.LineNumber);
        Assert.Contains("more than 2 data rows", error.Message);
        Assert.Contains("Upload__MaxRows", error.Message);
    }

    [Fact]
    public async Task RowsUpToTheLimitAreAccepted()
    {
        var (_, rows) = await ReadAllAsync("n\n1\n2\n", new CsvReadLimits { MaxRows = 2 });

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task HeaderWithMoreColumnsThanTheLimitIsRejected()
    {
        var error = await FailureAsync("a,b,c,d\n1,2,3,4\n", new CsvReadLimits { MaxColumns = 3 });

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(1, error.LineNumber);
        Assert.StartsWith("The header (line 1) has 4 columns; the limit is 3.", error.Message);
        Assert.Contains("Upload__MaxColumns", error.Message);
    }

    [Fact]
    public async Task RowWithMoreFieldsThanTheColumnLimitIsRejected()
    {
        var error = await FailureAsync("a,b\n1,2\n1,2,3,4\n", new CsvReadLimits { MaxColumns = 3 });

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("Upload__MaxColumns", error.Message);
    }

    [Fact]
    public async Task UnclosedQuoteInALargeUploadStopsAtTheRecordSizeBound()
    {
        // The bound derived from 10 chars x 2 columns is the 1 MiB floor; the quote swallows 3 MB.
        var limits = new CsvReadLimits { MaxFieldChars = 10, MaxColumns = 2 };
        var text = "a,b\n1,2\n3,\"" + string.Concat(Enumerable.Repeat("xxxxxxxxx\n", 300_000));

        var error = await FailureAsync(text, limits);

        Assert.Equal(CsvProblemKind.TooLarge, error.Kind);
        Assert.Equal(3, error.LineNumber);
        Assert.StartsWith("Line 3 starts a row that is larger than the limits allow", error.Message);
        Assert.Contains("quoted field is never closed", error.Message);
    }
}
