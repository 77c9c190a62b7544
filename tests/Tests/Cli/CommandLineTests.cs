using System.Diagnostics;
using PersonalizedLine.Cli;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void TheOutputDefaultsToTheInputNameWithAPersonalizedSuffix()
    {
        var (options, error) = CommandLineOptions.Parse(["samples/leads.csv"]);

        Assert.Null(error);
        Assert.Equal(Path.Combine("samples", "leads.personalized.csv"), options!.OutputPath);
    }

    [Fact]
    public void OptionsOverrideTemplatesAndModel()
    {
        var (options, _) = CommandLineOptions.Parse(["in.csv", "--output", "out.csv", "--prompt", "Hi {first_name}", "--research-query", "{company}", "--model", "m"]);

        Assert.Equal(new CommandLineOptions("in.csv", "out.csv", "Hi {first_name}", "{company}", "m"), options);
    }

    [Fact]
    public void RefreshResearchIsAFlagAndOffByDefault()
    {
        var (plain, _) = CommandLineOptions.Parse(["in.csv"]);
        var (refreshing, error) = CommandLineOptions.Parse(["in.csv", "--refresh-research", "--model", "m"]);

        Assert.Null(error);
        Assert.False(plain!.RefreshResearch);
        Assert.True(refreshing!.RefreshResearch);
        Assert.Equal("m", refreshing.Model);
    }

    [Fact]
    public void EstimateAndLimitAreParsed()
    {
        var (options, error) = CommandLineOptions.Parse(["in.csv", "--estimate", "--limit", "25"]);

        Assert.Null(error);
        Assert.True(options!.Estimate);
        Assert.Equal(25, options.Limit);
        Assert.False(CommandLineOptions.Parse(["in.csv"]).Options!.Estimate);
    }

    [Fact]
    public void RowsPerRequestIsParsedAndLeftToTheServerWhenAbsent()
    {
        var (options, error) = CommandLineOptions.Parse(["in.csv", "--rows-per-request", "20"]);

        Assert.Null(error);
        Assert.Equal(20, options!.RowsPerRequest);
        Assert.Null(CommandLineOptions.Parse(["in.csv"]).Options!.RowsPerRequest);
    }

    [Fact]
    public void BatchAsksForTheProvidersBatchApi()
    {
        Assert.True(CommandLineOptions.Parse(["in.csv", "--batch"]).Options!.Batch);
        Assert.False(CommandLineOptions.Parse(["in.csv"]).Options!.Batch);
    }

    [Theory]
    [InlineData(new[] { "a.csv", "--limit", "0" }, "--limit must be a whole number")]
    [InlineData(new[] { "a.csv", "--limit", "ten" }, "--limit must be a whole number")]
    [InlineData(new[] { "a.csv", "--rows-per-request", "0" }, "--rows-per-request must be a whole number from 1 to 50")]
    [InlineData(new[] { "a.csv", "--rows-per-request", "51" }, "--rows-per-request must be a whole number from 1 to 50")]
    [InlineData(new string[0], "Name the CSV")]
    [InlineData(new[] { "a.csv", "b.csv" }, "Unexpected argument 'b.csv'")]
    [InlineData(new[] { "a.csv", "--model" }, "missing its value")]
    [InlineData(new[] { "a.csv", "--colour" }, "Unexpected argument '--colour'")]
    public void BadArgumentsSayWhatIsWrong(string[] args, string expected)
    {
        var (options, error) = CommandLineOptions.Parse(args);

        Assert.Null(options);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task TheMainJobProcessesTheSampleOfflineAndSaysSoLoudly()
    {
        var output = Path.Combine(Path.GetTempPath(), $"leads-{Guid.NewGuid():N}.csv");
        try
        {
            var (exitCode, printed) = await RunCliAsync([RepositoryFiles.PathOf("samples/leads.csv"), "--output", output]);

            Assert.True(exitCode == 0, printed);
            Assert.Contains("40 rows, 39 ok, 1 failed", printed);
            Assert.Contains("searches", printed);
            Assert.Contains("tokens", printed);
            Assert.Contains("OFFLINE", printed);
            await using var file = File.OpenRead(output);
            var csv = await CsvOutput.ParseAsync(file);
            Assert.Equal(40, csv.Rows.Count);
            Assert.StartsWith("(offline demo) Hi Ada", csv.Cell(0, "personalized_line"));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task EstimatePrintsTheFiguresAndProcessesNothing()
    {
        var output = Path.Combine(Path.GetTempPath(), $"leads-{Guid.NewGuid():N}.csv");

        // The sample: 40 rows, one without a company (fails before any call), 39 distinct companies.
        // 39 LLM requests at 39 a minute: 60 s.
        var (exitCode, printed) = await RunCliAsync(
            [RepositoryFiles.PathOf("samples/leads.csv"), "--estimate", "--output", output],
            new Dictionary<string, string> { ["Llm__RequestsPerMinute"] = "39" });

        Assert.True(exitCode == 0, printed);
        Assert.Matches(@"rows\s.*\b40\b", printed);
        Assert.Matches(@"LLM requests\s.*\b39\b", printed);
        Assert.Matches(@"searches to make\s.*\b39\b", printed);
        Assert.Matches(@"expected duration\s.*60 s", printed);
        Assert.Contains("prompt tokens", printed);
        Assert.Contains("cost, total", printed);
        Assert.False(File.Exists(output));
    }

    internal static async Task<(int ExitCode, string Printed)> RunCliAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "personalizedline.dll");
        var start = new ProcessStartInfo("dotnet", [cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in new[] { "SERPER_API_KEY", "GROQ_API_KEY", "Research__ApiKey", "Llm__ApiKey" })
        {
            start.Environment.Remove(key);
        }

        // A wide console, so table rows are not wrapped.
        start.Environment["COLUMNS"] = "200";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
