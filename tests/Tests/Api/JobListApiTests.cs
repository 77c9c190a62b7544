using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// GET /jobs. Other tests of the collection leave their jobs in the list, but none runs while these do: each test
/// checks its own jobs and where they sit relative to each other.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class JobListApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly ApiFixture _api;

    public JobListApiTests(ApiFixture api)
    {
        _api = api;
        api.Emulator.Reset();
        api.Emulator.Search.Latency = TimeSpan.FromMilliseconds(5);
        api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task JobsAreListedNewestFirstWithTheirStatusAndCountsAcrossPages()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var ids = new List<string>();
        foreach (var rows in new[] { 1, 2, 3 })
        {
            ids.Add(await SubmitAsync(rows, $"list-{tag}-{rows}.csv"));
        }

        foreach (var id in ids)
        {
            await WaitForStatusAsync(id, "completed");
        }

        var all = await GetJsonAsync("/jobs?limit=100");
        var listed = Jobs(all);
        var total = all.GetProperty("total").GetInt32();
        Assert.Equal(Math.Min(total, 100), listed.Count);
        Assert.Equal(total > 100 ? "/jobs?limit=100&offset=100" : null, all.GetProperty("next").GetString());
        var newest = listed.FindIndex(job => job.GetProperty("id").GetString() == ids[2]);
        Assert.True(newest >= 0, "the newest job is on the first page");
        Assert.Equal([ids[2], ids[1], ids[0]], listed.Skip(newest).Take(3).Select(job => job.GetProperty("id").GetString()));
        for (var rows = 3; rows >= 1; rows--)
        {
            var job = listed[newest + 3 - rows];
            Assert.Equal("completed", job.GetProperty("status").GetString());
            Assert.Equal($"list-{tag}-{rows}.csv", job.GetProperty("fileName").GetString());
            Assert.Equal(rows, job.GetProperty("totalRows").GetInt64());
            Assert.Equal(rows, job.GetProperty("processedRows").GetInt64());
            Assert.Equal(rows, job.GetProperty("succeededRows").GetInt64());
            Assert.Equal(0, job.GetProperty("failedRows").GetInt64());
            Assert.Equal(100, job.GetProperty("percentComplete").GetDouble());
            Assert.Equal($"/jobs/{ids[rows - 1]}", job.GetProperty("url").GetString());
        }

        var first = await GetJsonAsync($"/jobs?limit=2&offset={newest}");
        Assert.Equal([ids[2], ids[1]], Jobs(first).Select(job => job.GetProperty("id").GetString()));
        Assert.Equal(total, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("limit").GetInt32());
        Assert.Equal(newest, first.GetProperty("offset").GetInt32());
        var next = first.GetProperty("next").GetString();
        Assert.Equal($"/jobs?limit=2&offset={newest + 2}", next);

        var second = await GetJsonAsync(next!);
        Assert.Equal(ids[0], Jobs(second)[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task AListedJobThatNoLongerExistsIsLeftOutAndDroppedFromTheList()
    {
        var real = await SubmitAsync(1, "real.csv");
        await WaitForStatusAsync(real, "completed");
        var index = _api.Services.GetRequiredService<IGrainFactory>().GetGrain<IJobIndexGrain>(Tenants.Default);
        var ghost = $"ghost-{Guid.NewGuid():N}";
        await index.Add(new JobIndexEntry(ghost, DateTimeOffset.UtcNow.AddDays(1), "ghost.csv"));
        var totalWithGhost = (await index.Page(0, 1)).Total;

        // The ghost is the newest entry: the first page of one holds nothing to show, and its next link still leads on.
        var first = await GetJsonAsync("/jobs?limit=1");

        Assert.Empty(Jobs(first));
        Assert.Equal(totalWithGhost - 1, first.GetProperty("total").GetInt32());
        Assert.Equal("/jobs?limit=1&offset=0", first.GetProperty("next").GetString());
        var indexed = await index.Page(0, totalWithGhost);
        Assert.Equal(totalWithGhost - 1, indexed.Total);
        Assert.DoesNotContain(indexed.Entries, entry => entry.JobId == ghost);

        var second = await GetJsonAsync("/jobs?limit=1&offset=0");
        Assert.Equal(real, Assert.Single(Jobs(second)).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit", "between 1 and 100")]
    [InlineData("limit=101", "limit", "between 1 and 100")]
    [InlineData("offset=-1", "offset", "0 or more")]
    [InlineData("limit=ten", "limit", "whole number between 1 and 100")]
    [InlineData("offset=1.5", "offset", "whole number 0 or more")]
    public async Task PagingOutsideItsBoundsIs400NamingTheParameter(string query, string parameter, string expected)
    {
        using var response = await _api.Http.GetAsync($"/jobs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(expected, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    private async Task<string> SubmitAsync(int rows, string fileName)
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(rows), fileName));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    private Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        Eventually.ReturnsAsync(() => GetJsonAsync($"/jobs/{id}"),
            job => job.GetProperty("status").GetString() == status, Deadline, $"job {id} to be {status}");

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _api.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    private static List<JsonElement> Jobs(JsonElement page) => page.GetProperty("jobs").EnumerateArray().ToList();

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
