using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>The calls the lifecycle tests make against /jobs, each checking the status code it expects.</summary>
public sealed class JobsApiCalls(HttpClient http, TimeSpan deadline)
{
    public async Task<string> SubmitAsync(string csv, string fileName = "leads.csv")
    {
        using var upload = JobUploads.Csv(csv, fileName);
        using var response = await http.PostAsync("/jobs", upload);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetJobAsync(string id)
    {
        using var response = await http.GetAsync($"/jobs/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        Eventually.ReturnsAsync(() => GetJobAsync(id), job => Status(job) == status, deadline, $"job {id} to be {status}");

    /// <summary>POST /jobs/{id}/{action} (pause, resume, retry, cancel): the status code and the JSON answer.</summary>
    public async Task<(HttpStatusCode Code, JsonElement Body)> PostAsync(string path)
    {
        using var response = await http.PostAsync(path, null);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    public async Task<CsvOutput> GetResultAsync(string id)
    {
        using var response = await http.GetAsync($"/jobs/{id}/result");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await CsvOutput.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>Every job GET /jobs lists, following its next links to the last page.</summary>
    public async Task<List<JsonElement>> ListAllAsync()
    {
        var jobs = new List<JsonElement>();
        string? next = "/jobs?limit=100";
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ReadJsonAsync(response);
            jobs.AddRange(page.GetProperty("jobs").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }

        return jobs;
    }

    public static string? Status(JsonElement job) => job.GetProperty("status").GetString();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
