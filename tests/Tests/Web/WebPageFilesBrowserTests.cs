using System.Text;
using Microsoft.Playwright;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Xlsx;
using static Microsoft.Playwright.Assertions;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// The web page with files as people export them: a workbook (its sheet chosen on the page, the result downloaded as
/// Excel) and a Windows-1252 CSV (the page says how it was read).
/// </summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageFilesBrowserTests(WebPageFixture web)
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static readonly float JobTimeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;
    private static readonly string[] Header = LeadFiles.Header.Split(',');
    private static readonly string[] NewColumns = ["personalized_line", "personalization_status", "personalization_error"];

    [Fact]
    public async Task A_workbooks_sheet_is_chosen_on_the_page_and_its_result_downloads_as_excel_with_the_same_cells()
    {
        var workbook = new TestWorkbook()
            .TextSheet("Leads", Header, ["Zoë", "Müller", "CTO", "Acme", "acme.example"], ["Bo", "Li", "CEO", "Initech", "initech.example"])
            .TextSheet("Archive", ["old"], ["x"])
            .ToBytes();
        var page = await web.OpenPageAsync();
        await Expect(page.GetByLabel("Sheet (workbook only)")).ToBeHiddenAsync();

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "leads.xlsx", MimeType = XlsxType, Buffer = workbook });

        // The first sheet is read, and the page says there are others.
        var sheet = page.GetByLabel("Sheet (workbook only)");
        await Expect(sheet).ToBeVisibleAsync();
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync("Rows2");
        await Expect(page.Locator("#estimate-warnings")).ToHaveTextAsync(
            "The workbook has 2 sheets ('Leads', 'Archive'); the first, 'Leads', was read. Send sheet=NAME to read another.");

        // A sheet the workbook does not have is refused with the names it does have; naming one estimates again.
        await sheet.FillAsync("Nope");
        await sheet.DispatchEventAsync("change");
        await Expect(page.Locator("#sheet-error")).ToContainTextAsync("The workbook has no sheet named 'Nope'. Its sheets are 'Leads', 'Archive'");
        await Expect(sheet).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#file-error")).ToBeEmptyAsync();
        await sheet.FillAsync("Leads");
        await sheet.DispatchEventAsync("change");
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync("Rows2");
        await Expect(page.Locator("#sheet-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#estimate-warnings")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator("#job-announce")).ToContainTextAsync("completed: 2 of 2 rows done (100 %)", new() { Timeout = JobTimeout });
        await Expect(page.Locator("#rows-body tr").First).ToContainTextAsync("Zoë");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download as Excel" }).ClickAsync());
        Assert.Equal("leads.personalized.xlsx", download.SuggestedFilename);
        var saved = WebPageFixture.ArtifactPath("leads.personalized.xlsx");
        await download.SaveAsAsync(saved);
        var bytes = await File.ReadAllBytesAsync(saved);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        await using var reader = await LeadFileReader.OpenAsync(new MemoryStream(bytes), CsvReadLimits.Default, null, CancellationToken.None);
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row.Cells);
        }

        Assert.Equal([.. Header, .. NewColumns], reader.Headers);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Zoë", "Müller", "CTO", "Acme", "acme.example", EmulatedLines.For("Zoë", "Acme"), "ok", ""], rows[0]);
        Assert.Equal(["Bo", "Li", "CEO", "Initech", "initech.example", EmulatedLines.For("Bo", "Initech"), "ok", ""], rows[1]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_windows_1252_csv_shows_how_it_was_read_in_the_estimate_and_the_job_and_comes_back_in_utf8()
    {
        // Excel's "CSV" on Windows: ë and ü are single bytes (0xEB, 0xFC), not UTF-8.
        var csv = Encoding.Latin1.GetBytes(LeadFiles.Header + "\nZoë,Müller,CTO,Acme,acme.example\n");
        Assert.Contains((byte)0xEB, csv);
        var warning = InputWarnings.ReadAsWindows1252(2);
        var page = await web.OpenPageAsync();

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "windows.csv", MimeType = "text/csv", Buffer = csv });

        await Expect(page.GetByLabel("Sheet (workbook only)")).ToBeHiddenAsync();
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync("Rows1");
        await Expect(page.Locator("#estimate-warnings")).ToHaveTextAsync(warning);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator("#job-announce")).ToContainTextAsync("completed", new() { Timeout = JobTimeout });
        await Expect(page.Locator("#job-warnings")).ToHaveTextAsync(warning);
        await Expect(page.Locator("#rows-body tr").First).ToContainTextAsync("Zoë");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = WebPageFixture.ArtifactPath("web-page-windows-1252.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download result" }).ClickAsync());
        Assert.Equal("windows.personalized.csv", download.SuggestedFilename);
        var saved = WebPageFixture.ArtifactPath("windows.personalized.csv");
        await download.SaveAsAsync(saved);
        var result = await CsvOutput.ParseAsync(File.OpenRead(saved));
        Assert.Equal(["Zoë", "Müller", "CTO", "Acme", "acme.example"], result.Rows[0].Take(5));
        // Strict UTF-8: a byte left in Windows-1252 would throw here.
        Assert.Contains("Zoë,Müller", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await File.ReadAllBytesAsync(saved)));
        await page.Context.CloseAsync();
    }
}
