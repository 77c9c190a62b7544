using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Xlsx;

namespace PersonalizedLine.Tests.Api;

/// <summary>Files as people export them, through the API: Windows-1252 CSVs, bare quotes, workbooks in and out.</summary>
[Collection(ApiCollection.Name)]
public sealed class ExportedFilesApiTests
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly ApiFixture _api;
    private readonly JobsApiCalls _jobs;

    public ExportedFilesApiTests(ApiFixture api)
    {
        _api = api;
        _jobs = new JobsApiCalls(api.Http, TimeSpan.FromSeconds(60));
        api.Emulator.Reset();
    }

    [Fact]
    public async Task AWindows1252UploadComesBackInUtf8AndTheJobSaysHowItWasRead()
    {
        // Excel's "CSV" on Windows: é is E9, ü FC, € 80, ’ 92.
        byte[] upload = [.. Encoding.ASCII.GetBytes(LeadFiles.Header + "\r\nRen"), 0xE9, .. "e,D"u8, 0xFC, .. "rr,CTO,Caf"u8, 0xE9, .. " 5"u8, 0x80,
            .. ",cafe.example\r\nJo"u8, 0x92, .. "s,Smith,CEO,Acme,acme.example\r\n"u8];

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.File(upload, "leads.csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await JobsApiCalls.ReadJsonAsync(response);
        var id = submitted.GetProperty("id").GetString()!;
        var warning = Assert.Single(Warnings(submitted));
        Assert.StartsWith("The file is not UTF-8 (line 2 is the first that is not): it was read as Windows-1252", warning);
        var job = await _jobs.WaitForStatusAsync(id, "completed");
        Assert.Equal([warning], Warnings(job));

        var output = await _api.Http.GetByteArrayAsync($"/jobs/{id}/result");
        var lines = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(output).Split("\r\n");
        Assert.Equal(LeadFiles.Header + ",personalized_line,personalization_status,personalization_error", lines[0]);
        Assert.StartsWith("Renée,Dürr,CTO,Café 5€,cafe.example,", lines[1]);
        Assert.StartsWith("Jo’s,Smith,CEO,Acme,acme.example,", lines[2]);
    }

    [Fact]
    public async Task AnEstimateCountsBareQuotesInItsWarnings()
    {
        var csv = LeadFiles.Header + "\nAda,Lovelace,27\" screens,Stripe,stripe.com\nGrace,Hopper,=HYPERLINK(\"x\"),Shopify,shopify.com\n";

        using var response = await _api.Http.PostAsync("/jobs/estimate", JobUploads.Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var estimate = await JobsApiCalls.ReadJsonAsync(response);
        Assert.Equal(2, estimate.GetProperty("rows").GetInt64());
        Assert.Equal(
            ["2 cells had a bare quote (\") inside an unquoted field (first on line 2); read as a literal character, as Excel does."],
            Warnings(estimate));
    }

    [Fact]
    public async Task AWorkbookSheetChosenByNameRunsAndDownloadsAsAWorkbookWithTheSameCells()
    {
        var workbook = Workbook();

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.File(workbook, "leads.xlsx", ("sheet", "Leads")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await JobsApiCalls.ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var job = await _jobs.WaitForStatusAsync(id, "completed");
        Assert.Empty(Warnings(job));
        Assert.Equal(2, job.GetProperty("succeededRows").GetInt64());

        using var result = await _api.Http.GetAsync($"/jobs/{id}/result?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal(XlsxType, result.Content.Headers.ContentType?.MediaType);
        Assert.Equal("leads.personalized.xlsx", result.Content.Headers.ContentDisposition?.FileNameStar);
        await using var reader = await LeadFileReader.OpenAsync(
            new MemoryStream(await result.Content.ReadAsByteArrayAsync()), CsvReadLimits.Default, null, CancellationToken.None);
        var rows = new List<LeadCsvRow>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        Assert.Equal([.. LeadFiles.Header.Split(','), "personalized_line", "personalization_status", "personalization_error"], reader.Headers);
        Assert.Equal(["Zoë", "Müller", "CTO", "Acme, Inc.", "acme.example"], rows[0].Cells.Take(5));
        Assert.Equal(["Bo", "Li", "CEO", "Initech", "initech.example"], rows[1].Cells.Take(5));
        Assert.All(rows, row => Assert.Equal("ok", row.Cells[6]));
        Assert.All(rows, row => Assert.NotEqual(string.Empty, row.Cells[5]));

        // The CSV stays the default.
        using var csv = await _api.Http.GetAsync($"/jobs/{id}/result");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("leads.personalized.csv", csv.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.StartsWith(LeadFiles.Header + ",personalized_line", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnUnknownSheetIs400NamingTheSheetsAgainstTheSheetField()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.File(Workbook(), "leads.xlsx", ("sheet", "Leeds")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        const string expected =
            "The workbook has no sheet named 'Leeds'. Its sheets are 'Notes', 'Leads': send one of these names as sheet, or leave sheet out to read the first.";
        var problem = await JobsApiCalls.ReadJsonAsync(response);
        Assert.Equal(expected, problem.GetProperty("detail").GetString());
        Assert.Equal("No such sheet", problem.GetProperty("title").GetString());
        Assert.Equal(expected, problem.GetProperty("errors").GetProperty("sheet")[0].GetString());
        Assert.False(problem.GetProperty("errors").TryGetProperty("file", out _));
    }

    [Fact]
    public async Task AnUnknownResultFormatIs400()
    {
        using var response = await _api.Http.GetAsync("/jobs/any/result?format=pdf");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "format must be 'csv' (the default) or 'xlsx' (an Excel workbook), not 'pdf'.",
            (await JobsApiCalls.ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    private static byte[] Workbook() => new TestWorkbook()
        .TextSheet("Notes", ["not the leads"])
        .TextSheet("Leads",
            LeadFiles.Header.Split(','),
            ["Zoë", "Müller", "CTO", "Acme, Inc.", "acme.example"],
            ["Bo", "Li", "CEO", "Initech", "initech.example"])
        .ToBytes();

    private static List<string> Warnings(JsonElement json) =>
        json.GetProperty("warnings").EnumerateArray().Select(warning => warning.GetString()!).ToList();
}
