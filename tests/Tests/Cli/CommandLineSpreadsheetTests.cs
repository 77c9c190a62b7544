using System.Text.RegularExpressions;
using PersonalizedLine.Cli;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Xlsx;

namespace PersonalizedLine.Tests.Cli;

public sealed class CommandLineSpreadsheetTests
{
    [Fact]
    public void AWorkbookInputDefaultsToAWorkbookOutputAndTheSheetIsAnOption()
    {
        var (options, error) = CommandLineOptions.Parse([Path.Combine("in", "leads.xlsx"), "--sheet", "Q3 leads"]);

        Assert.Null(error);
        Assert.Equal(Path.Combine("in", "leads.personalized.xlsx"), options!.OutputPath);
        Assert.True(options.WritesXlsx);
        Assert.Equal("Q3 leads", options.Sheet);
        Assert.False(CommandLineOptions.Parse(["leads.csv"]).Options!.WritesXlsx);
        Assert.True(CommandLineOptions.Parse(["leads.csv", "-o", "out.XLSX"]).Options!.WritesXlsx);
        Assert.Contains("missing its value", CommandLineOptions.Parse(["leads.xlsx", "--sheet"]).Error);
    }

    [Fact]
    public async Task AWorkbookIsProcessedIntoAWorkbookWithTheSameCellsAndItsSheetsAreNamed()
    {
        var input = Path.Combine(Path.GetTempPath(), $"leads-{Guid.NewGuid():N}.xlsx");
        var output = Path.ChangeExtension(input, ".out.xlsx");
        await File.WriteAllBytesAsync(input, new TestWorkbook()
            .TextSheet("Leads", LeadFiles.Header.Split(','), ["Zoë", "Müller", "CTO", "Acme", "acme.example"], ["Bo", "Li", "CEO", "Initech", "initech.example"])
            .TextSheet("Archive", ["old"])
            .ToBytes());
        try
        {
            var (exitCode, printed) = await CommandLineTests.RunCliAsync([input, "--output", output]);

            Assert.True(exitCode == 0, printed);
            Assert.Contains("2 rows, 2 ok, 0 failed", printed);
            // Spectre wraps long lines at the console's width.
            var unwrapped = Regex.Replace(printed, @"\s+", " ");
            Assert.Contains("Note: The workbook has 2 sheets ('Leads', 'Archive'); the first, 'Leads', was read. Send sheet=NAME to read another.", unwrapped);
            await using var file = File.OpenRead(output);
            await using var reader = await LeadFileReader.OpenAsync(file, CsvReadLimits.Default, null, CancellationToken.None);
            var rows = new List<LeadCsvRow>();
            await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
            {
                rows.Add(row);
            }

            Assert.Equal([.. LeadFiles.Header.Split(','), "personalized_line", "personalization_status", "personalization_error"], reader.Headers);
            Assert.Equal(["Zoë", "Müller", "CTO", "Acme", "acme.example"], rows[0].Cells.Take(5));
            Assert.Equal(["Bo", "Li", "CEO", "Initech", "initech.example"], rows[1].Cells.Take(5));
            Assert.StartsWith("(offline demo) Hi Zoë", rows[0].Cells[5]);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }
}
