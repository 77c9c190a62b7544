using System.Text;
using PersonalizedLine.Grains.Csv;
using static PersonalizedLine.Tests.Csv.ExportedFiles;

namespace PersonalizedLine.Tests.Csv;

public sealed class TrailingDelimiterTests
{
    [Fact]
    public async Task AnUnnamedLastColumnIsKeptAsAnEmptyColumnBeforeTheNewOnes()
    {
        var (output, warnings, reader, rows) = await RoundTripAsync(Encoding.UTF8.GetBytes("name,company,\r\na,b,\r\nc,d,kept\r\ne,f\r\n"));

        Assert.Equal(["name", "company", ""], reader.Headers);
        Assert.Equal(["a", "b", ""], rows[0].Cells);
        Assert.Equal(["c", "d", "kept"], rows[1].Cells);
        Assert.Equal(["e", "f", ""], rows[2].Cells);
        Assert.All(rows, row => Assert.Null(row.Problem));
        Assert.Equal(
            "name,company,,personalized_line,personalization_status,personalization_error\r\n"
            + "a,b,,line 2,ok,\r\n"
            + "c,d,kept,line 3,ok,\r\n"
            + "e,f,,line 4,ok,\r\n",
            output);
        Assert.Equal(
            "The header ends with a separator: column 3 has no name. It is kept as it is (an unnamed column) in the output, before the new columns.",
            Assert.Single(warnings));
    }

    [Fact]
    public async Task SeveralUnnamedLastColumnsAreKeptToo()
    {
        var (output, warnings, reader, _) = await RoundTripAsync(Encoding.UTF8.GetBytes("name;company;;\nAnn;Acme;;\n"));

        Assert.Equal(["name", "company", "", ""], reader.Headers);
        Assert.StartsWith("name;company;;;personalized_line;", output);
        Assert.StartsWith("The header ends with separators: columns 3 to 4 have no name.", Assert.Single(warnings));
    }

    [Fact]
    public async Task AHeaderOfSeparatorsOnlyIsRefused()
    {
        var error = await FailureAsync(Encoding.UTF8.GetBytes(",,\na,b,c\n"));

        Assert.Equal(CsvProblemKind.Malformed, error.Kind);
        Assert.StartsWith("The header (line 1) has no column names.", error.Message);
    }
}
