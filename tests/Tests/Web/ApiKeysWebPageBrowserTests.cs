using Microsoft.Playwright;
using PersonalizedLine.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// The web page against an API that really checks keys (<c>Auth__Mode=ApiKeys</c>): the key is asked for once, and
/// the upload, the event stream, the first rows and the download all go through with it.
/// </summary>
[Collection(ApiKeysWebPageCollection.Name)]
public sealed class ApiKeysWebPageBrowserTests(ApiKeysWebPageFixture web)
{
    private static readonly float JobTimeout = (float)TimeSpan.FromSeconds(120).TotalMilliseconds;

    [Fact]
    public async Task The_page_asks_for_the_key_once_refuses_a_wrong_one_and_runs_the_sample_to_a_download_with_the_right_one()
    {
        var sample = RepositoryFiles.PathOf("samples/leads.csv");
        var input = await CsvOutput.ParseAsync(File.OpenRead(sample));
        var page = await web.OpenPageAsync();
        await CountKeyPromptsAsync(page);

        await page.Locator("#file").SetInputFilesAsync(sample);

        // The estimate needs a key: the form asks for it, with no error yet.
        var keyField = page.GetByLabel("API key");
        await Expect(keyField).ToBeFocusedAsync();
        await Expect(page.Locator("#api-key-error")).ToBeEmptyAsync();
        await keyField.FillAsync("pl_not-a-key-this-server-issued");
        await keyField.PressAsync("Enter");
        await Expect(page.Locator("#api-key-error")).ToHaveTextAsync("That key was not accepted. Check it and try again.");
        await Expect(page.Locator("#key-form")).ToBeVisibleAsync();

        await keyField.FillAsync(web.TenantKey);
        await keyField.PressAsync("Enter");
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync($"Rows{input.Rows.Count}");
        await Expect(page.Locator("#key-form")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Start", Exact = true }).ClickAsync();
        var announce = page.Locator("#job-announce");
        await Expect(announce).ToContainTextAsync("completed", new() { Timeout = JobTimeout });
        await Expect(announce).ToContainTextAsync($"{input.Rows.Count} of {input.Rows.Count} rows done (100 %)");
        Assert.Equal(100, await page.Locator("#job-progress").EvaluateAsync<double>("bar => bar.value"));
        await Expect(page.Locator("#rows-body tr").First).ToContainTextAsync(EmulatedLines.For("Ada", "Stripe"));

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download result" }).ClickAsync());
        Assert.Equal("leads.personalized.csv", download.SuggestedFilename);
        var saved = WebPageFixture.ArtifactPath("leads.personalized.with-key.csv");
        await download.SaveAsAsync(saved);
        var result = await CsvOutput.ParseAsync(File.OpenRead(saved));
        Assert.Equal(input.Rows.Count, result.Rows.Count);
        Assert.Equal(input.Rows[0], result.Rows[0].Take(input.Headers.Count));
        Assert.Equal(EmulatedLines.For("Ada", "Stripe"), result.Cell(0, "personalized_line"));

        // Asked twice only: the first time and after the wrong key; the events, rows and download never asked again.
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.keyPrompts"));
        Assert.Equal(web.TenantKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('personalizedline.apiKey')"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_kept_key_the_server_does_not_accept_brings_the_key_form_back_with_its_error()
    {
        var page = await web.OpenPageAsync();
        await page.EvaluateAsync("() => sessionStorage.setItem('personalizedline.apiKey', 'pl_revoked-or-mistyped')");

        await page.Locator("#file").SetInputFilesAsync(RepositoryFiles.PathOf("samples/leads.csv"));

        await Expect(page.Locator("#key-form")).ToBeVisibleAsync();
        await Expect(page.Locator("#api-key-error")).ToHaveTextAsync("That key was not accepted. Check it and try again.");
        await Expect(page.Locator("#estimate")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('personalizedline.apiKey')"));

        await page.GetByLabel("API key").FillAsync(web.TenantKey);
        await page.GetByLabel("API key").PressAsync("Enter");
        await Expect(page.Locator("#estimate-figures")).ToContainTextAsync("Rows40");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_api_reference_opened_with_the_admin_key_offers_both_ways_of_sending_a_key()
    {
        var context = await web.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.BaseAddress.ToString(),
            HttpCredentials = new HttpCredentials { Username = "admin", Password = web.AdminKey },
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/scalar");

        await Expect(page.GetByText("The job's progress as Server-Sent Events").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Its Authentication box lists the document's two schemes.
        await page.GetByText("Select Auth Type").First.ClickAsync();
        await Expect(page.GetByText("bearer", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("apiKeyHeader", new() { Exact = true }).First).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    /// <summary>Counts in <c>window.keyPrompts</c> each time the key form is shown.</summary>
    private static Task CountKeyPromptsAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.keyPrompts = 0;
          const form = document.getElementById("key-form");
          new MutationObserver(() => { if (!form.hidden) window.keyPrompts++; })
            .observe(form, { attributes: true, attributeFilter: ["hidden"] });
        }
        """);
}
