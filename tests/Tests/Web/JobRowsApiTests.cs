using System.Net;
using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Web;

/// <summary>GET /jobs/{id}/rows: the first finished rows, for a look at the lines while a job runs.</summary>
[Collection(ApiCollection.Name)]
public sealed class JobRowsApiTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly ApiFixture _api;
    private readonly JobsApiCalls _jobs;

    public JobRowsApiTests(ApiFixture api)
    {
        _api = api;
        _jobs = new JobsApiCalls(api.Http, Deadline);
        api.Emulator.Reset();
    }

    public void Dispose() => _api.Emulator.Reset();

    [Fact]
    public async Task The_first_finished_rows_come_in_file_order_with_the_lead_columns_and_their_lines()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var csv = LeadFiles.Csv(30, i => $"Rows{tag}Co{i}");
        var id = await _jobs.SubmitAsync(csv);
        await _jobs.WaitForStatusAsync(id, "completed");

        var answer = await GetRowsAsync($"/jobs/{id}/rows?limit=5");

        Assert.Equal(id, answer.GetProperty("id").GetString());
        Assert.Equal("completed", answer.GetProperty("status").GetString());
        Assert.Equal(30, answer.GetProperty("totalRows").GetInt64());
        Assert.False(answer.GetProperty("truncated").GetBoolean());
        // The name and company columns, found as the templates find them; not title or website.
        Assert.Equal(["first_name", "last_name", "company"], answer.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(5, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(i + 1, rows[i].GetProperty("row").GetInt64());
            Assert.Equal(i + 2, rows[i].GetProperty("line").GetInt64()); // the header is line 1
            Assert.Equal([$"Lead{i}", $"Surname{i}", $"Rows{tag}Co{i}"], rows[i].GetProperty("cells").EnumerateArray().Select(c => c.GetString()));
            Assert.Equal(EmulatedLines.For($"Lead{i}", $"Rows{tag}Co{i}"), rows[i].GetProperty("personalizedLine").GetString());
            Assert.Equal("ok", rows[i].GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, rows[i].GetProperty("error").ValueKind);
        }

        var all = await GetRowsAsync($"/jobs/{id}/rows?limit=100");
        Assert.Equal(30, all.GetProperty("rows").GetArrayLength());
        Assert.Equal(20, (await GetRowsAsync($"/jobs/{id}/rows")).GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task A_failed_row_shows_its_reason_and_rows_still_running_are_left_out()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // Row 2 has an empty company: it fails before any provider call, with a reason.
        var csv = LeadFiles.Csv(3, i => i == 1 ? string.Empty : $"Fail{tag}Co{i}");
        var id = await _jobs.SubmitAsync(csv);
        await _jobs.WaitForStatusAsync(id, "completed");

        var rows = (await GetRowsAsync($"/jobs/{id}/rows")).GetProperty("rows").EnumerateArray().ToList();

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.GetProperty("row").GetInt64()));
        Assert.Equal("failed", rows[1].GetProperty("status").GetString());
        Assert.Equal(string.Empty, rows[1].GetProperty("personalizedLine").GetString());
        Assert.Contains("company", rows[1].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ok", rows[2].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_running_job_shows_only_the_rows_that_finished()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        // The first three leads are answered; the LLM never answers the others while the test looks.
        _api.Emulator.Llm.FaultWhen(body => body.Contains($"Hang{tag}", StringComparison.Ordinal) ? Fault.Hang() : null);
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(10, i => i < 3 ? $"Done{tag}Co{i}" : $"Hang{tag}Co{i}"));

        var answer = await Eventually.ReturnsAsync(
            () => GetRowsAsync($"/jobs/{id}/rows?limit=10"), rows => rows.GetProperty("rows").GetArrayLength() >= 3, Deadline, "three finished rows");

        Assert.Equal("running", answer.GetProperty("status").GetString());
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.GetProperty("row").GetInt64()));
        Assert.All(rows, row => Assert.StartsWith("Hi Lead", row.GetProperty("personalizedLine").GetString()));

        await _jobs.PostAsync($"/jobs/{id}/cancel");
        _api.Emulator.Llm.FaultWhen(null);
        await Eventually.TrueAsync(() => _api.Emulator.TotalInFlight == 0, Deadline, "the cancelled rows' provider calls to end");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-3")]
    public async Task A_limit_out_of_range_is_a_400_naming_the_range(string limit)
    {
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(1, i => $"Limit{Guid.NewGuid():N}"));

        using var response = await _api.Http.GetAsync($"/jobs/{id}/rows?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("from 1 to 100", (await JobsApiCalls.ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_job_is_a_404()
    {
        using var response = await _api.Http.GetAsync("/jobs/no-such-job/rows");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Job not found", (await JobsApiCalls.ReadJsonAsync(response)).GetProperty("title").GetString());
    }

    private async Task<JsonElement> GetRowsAsync(string path)
    {
        using var response = await _api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JobsApiCalls.ReadJsonAsync(response);
    }
}
