using System.Text;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>Checks an output file against the input it came from.</summary>
public static class SampleOutput
{
    public static readonly string[] GeneratedColumns = ["personalized_line", "personalization_status", "personalization_error"];

    /// <summary>
    /// The output's header line is the input's, byte for byte, with the generated columns after it; every input record
    /// comes back in order with every cell as given, followed by the generated cells. Answers the parsed output.
    /// </summary>
    public static async Task<CsvOutput> AssertKeepsEveryInputCellAsync(string inputPath, byte[] output)
    {
        var inputText = await File.ReadAllTextAsync(inputPath, Encoding.UTF8);
        var outputText = Encoding.UTF8.GetString(output).TrimStart('\uFEFF');
        Assert.StartsWith(FirstLine(inputText) + "," + string.Join(",", GeneratedColumns) + "\n", outputText.ReplaceLineEndings("\n"), StringComparison.Ordinal);

        CsvOutput input;
        await using (var file = File.OpenRead(inputPath))
        {
            input = await CsvOutput.ParseAsync(file);
        }

        using var stream = new MemoryStream(output);
        var csv = await CsvOutput.ParseAsync(stream);
        Assert.Equal([.. input.Headers, .. GeneratedColumns], csv.Headers);
        Assert.Equal(input.Rows.Count, csv.Rows.Count);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            Assert.Equal(input.Rows[i], csv.Rows[i].Take(input.Headers.Count));
            Assert.Equal(csv.Headers.Count, csv.Rows[i].Count);
        }

        return csv;
    }

    private static string FirstLine(string text) => text.ReplaceLineEndings("\n").Split('\n')[0];
}
