using System.Collections.Concurrent;
using System.Text;
using Microsoft.Playwright;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PersonalizedLine.Tests.Web;

/// <summary>The web page in a real browser: the sample from upload to download, and a bad file's error in its place.</summary>
[Collection(WebPageCollection.Name)]
public sealed class WebPageBrowserTests(WebPageFixture web, ITestOutputHelper output)
{
    private static readonly string[] NewColumns = ["personalized_line", "personalization_status", "personalization_error"];
    private static readonly float JobTimeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;

    [Fact]
    public async Task The_sample_goes_from_upload_through_live_progress_and_its_first_lines_to_a_download_of_the_same_rows_with_new_columns()
    {
        var sample = RepositoryFiles.PathOf("samples/leads.csv");
        var input = await CsvOutput.ParseAsync(File.OpenRead(sample));
        var page = await web.OpenPageAsync();
        await Expect(page).ToHaveTitleAsync("PersonalizedLine");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToHaveAttributeAsync("href", "/scalar");

        await page.GetByLabel("Drop a CSV or Excel").SetInputFilesAsync(sample);

        // The estimate and the file's columns as placeholders; the default templates shown for editing.
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync($"Rows{input.Rows.Count}");
        await Expect(page.Locator("#placeholder-list")).ToContainTextAsync("{company}");
        await Expect(page.Locator("#placeholder-list")).ToContainTextAsync("{email}");
        await Expect(page.GetByLabel("Research query template")).ToHaveValueAsync("{company} {website?}");
        await Expect(page.GetByLabel("Prompt template")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"\{first_name\}"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();

        // Live: the page shows the job running, then finished, from the event stream.
        var announce = page.Locator("#job-announce");
        await Expect(announce).ToContainTextAsync("running");
        await Expect(announce).ToContainTextAsync("completed", new() { Timeout = JobTimeout });
        await Expect(announce).ToContainTextAsync($"{input.Rows.Count} of {input.Rows.Count} rows done (100 %)");
        Assert.Equal(100, await page.Locator("#job-progress").EvaluateAsync<double>("bar => bar.value"));
        await Expect(page.Locator("#job-figures")).ToContainTextAsync("Complete100 %");

        // The first finished lines: twenty rows in file order, the first one Ada's.
        var tableRows = page.Locator("#rows-body tr");
        await Expect(tableRows).ToHaveCountAsync(20);
        await Expect(tableRows.First).ToContainTextAsync("Ada");
        await Expect(tableRows.First).ToContainTextAsync(EmulatedLines.For("Ada", "Stripe"));
        await Expect(page.Locator("#rows-head")).ToContainTextAsync("Company Name");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download result" }).ClickAsync());
        Assert.Equal("leads.personalized.csv", download.SuggestedFilename);
        var saved = WebPageFixture.ArtifactPath("leads.personalized.csv");
        await download.SaveAsAsync(saved);
        var result = await CsvOutput.ParseAsync(File.OpenRead(saved));

        // Same rows, same order, every input cell as given, the new columns after them.
        Assert.Equal([.. input.Headers, .. NewColumns], result.Headers);
        Assert.Equal(input.Rows.Count, result.Rows.Count);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            Assert.Equal(input.Rows[i], result.Rows[i].Take(input.Headers.Count));
        }

        var statuses = Enumerable.Range(0, result.Rows.Count).Select(i => result.Cell(i, "personalization_status")).ToList();
        Assert.All(statuses, status => Assert.Contains(status, new[] { "ok", "failed" }));
        Assert.Equal(EmulatedLines.For("Ada", "Stripe"), result.Cell(0, "personalized_line"));
        await Expect(page.Locator("#job-figures")).ToContainTextAsync($"Succeeded{statuses.Count(s => s == "ok")}");
        await Expect(page.Locator("#job-figures")).ToContainTextAsync($"Failed{statuses.Count(s => s == "failed")}");

        var screenshot = WebPageFixture.ArtifactPath("web-page-finished.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot of the finished page: {screenshot}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_empty_file_shows_its_error_next_to_the_file_field()
    {
        var page = await web.OpenPageAsync();

        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "empty.csv", MimeType = "text/csv", Buffer = [] });

        await Expect(page.Locator("#file-error")).ToHaveTextAsync("The file is empty.");
        await Expect(page.Locator("#file")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#form-error")).ToBeEmptyAsync();
        await Expect(page.Locator("#estimate")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_file_without_a_company_column_shows_what_is_missing_next_to_the_file_field_and_starts_nothing()
    {
        var page = await web.OpenPageAsync();
        var file = new FilePayload
        {
            Name = "no-company.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("First Name,Email\nAda,ada@example.com\n"),
        };

        await page.Locator("#file").SetInputFilesAsync(file);
        await Expect(page.Locator("#file-error")).ToContainTextAsync("uses {company}, but the file has no such column");
        await Expect(page.Locator("#file-error")).ToContainTextAsync("Columns in the file: First Name, Email.");

        // Starting anyway gets the same answer from POST /jobs, in the same place, and no job.
        await page.Locator("#file-error").EvaluateAsync("node => node.textContent = ''");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator("#file-error")).ToContainTextAsync("uses {company}, but the file has no such column");
        await Expect(page.Locator("#job")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_api_reference_renders_the_openapi_document_without_leaving_the_server()
    {
        var page = await web.OpenPageAsync();
        var outside = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(web.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                outside.Add(request.Url);
            }
        };

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();

        await Expect(page.GetByText("The job's progress as Server-Sent Events").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("The first finished rows in file order").First).ToBeVisibleAsync();
        Assert.Empty(outside);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_401_the_page_asks_for_the_key_once_keeps_it_for_the_tab_and_sends_it_on_every_call()
    {
        const string key = "test-key-0123456789";
        var page = await web.OpenPageAsync();
        var calls = new ConcurrentQueue<(string Path, string? Authorization)>();
        // Stands in for a server with API keys: every /jobs call without this key is answered 401.
        await page.RouteAsync("**/jobs**", async route =>
        {
            var authorization = route.Request.Headers.GetValueOrDefault("authorization");
            calls.Enqueue((new Uri(route.Request.Url).AbsolutePath, authorization));
            if (authorization == $"Bearer {key}")
            {
                await route.ContinueAsync();
            }
            else
            {
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 401,
                    ContentType = "application/problem+json",
                    Body = "{\"title\":\"Unauthorized\",\"status\":401}",
                });
            }
        });

        await page.Locator("#file").SetInputFilesAsync(RepositoryFiles.PathOf("samples/leads.csv"));
        var keyField = page.GetByLabel("API key");
        await Expect(keyField).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("wrong-key");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#api-key-error")).ToContainTextAsync("not accepted");
        await keyField.FillAsync(key);
        await keyField.PressAsync("Enter");

        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync("Rows40");
        await Expect(page.Locator("#key-form")).ToBeHiddenAsync();
        Assert.Equal(key, await page.EvaluateAsync<string>("() => sessionStorage.getItem('personalizedline.apiKey')"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        await Expect(page.Locator("#job-announce")).ToContainTextAsync("completed", new() { Timeout = JobTimeout });

        // No second prompt: after the key was given, every call (submit, events, rows) carried it.
        var afterKey = calls.SkipWhile(call => call.Authorization != $"Bearer {key}").ToList();
        Assert.Contains(afterKey, call => call.Path == "/jobs" || call.Path == "/jobs/");
        Assert.Contains(afterKey, call => call.Path.EndsWith("/events", StringComparison.Ordinal));
        Assert.Contains(afterKey, call => call.Path.EndsWith("/rows", StringComparison.Ordinal));
        Assert.All(afterKey, call => Assert.Equal($"Bearer {key}", call.Authorization));
        await page.Context.CloseAsync();
    }
}
