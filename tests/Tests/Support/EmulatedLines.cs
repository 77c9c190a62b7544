namespace PersonalizedLine.Tests.Support;

/// <summary>
/// The emulator writes "Hi {first name}, I saw what {company} is up to…" from the lead a line was asked for: a row whose
/// line names its own first name and company got its own line, however many rows shared its request.
/// </summary>
public static class EmulatedLines
{
    public static string For(string firstName, string company) => $"Hi {firstName}, I saw what {company} is up to and had a quick idea for you.";

    /// <summary>Every row of a <see cref="LeadFiles.Csv"/> file is ok, in order, with its own line.</summary>
    public static void AssertEveryRowHasItsOwnLine(CsvOutput output, int rows)
    {
        Assert.Equal(rows, output.Rows.Count);
        for (var i = 0; i < rows; i++)
        {
            Assert.Equal("ok", output.Cell(i, "personalization_status"));
            Assert.Equal(For($"Lead{i}", output.Cell(i, "company")), output.Cell(i, "personalized_line"));
        }
    }
}
