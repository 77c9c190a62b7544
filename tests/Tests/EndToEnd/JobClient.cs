using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>Drives a job through the API over HTTP and records every progress it sees, to check it never goes back.</summary>
public sealed class JobClient(HttpClient http)
{
    private readonly List<long> _seen = [];

    public IReadOnlyList<long> ProcessedSeen => _seen;

    public string Id { get; private set; } = string.Empty;

    /// <param name="csv">The file.</param>
    /// <param name="fields">Form fields sent before the file, e.g. ("mode", "batch").</param>
    public async Task SubmitAsync(string csv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        using var response = await http.PostAsync("/jobs", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /jobs answered {(int)response.StatusCode}: {body}");
        Id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Streams a CSV as the file part of POST /jobs and expects 202 Accepted (any other answer fails with its body).
    /// </summary>
    /// <param name="uploads">A client whose timeout allows for a long upload.</param>
    /// <param name="csv">The file, read as it is sent.</param>
    public async Task SubmitStreamAsync(HttpClient uploads, Stream csv)
    {
        using var response = await uploads.PostAsync(new Uri(http.BaseAddress!, "/jobs"), StreamedForm(csv));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST /jobs answered {(int)response.StatusCode}: {body}");
        Id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>A job upload form whose file part is read from <paramref name="csv"/> as it is sent (chunked, no length).</summary>
    public static MultipartFormDataContent StreamedForm(Stream csv)
    {
        var file = new StreamContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "leads.csv" } };
    }

    /// <summary>The job's progress, or null while the cluster cannot answer (all silos down).</summary>
    public async Task<JsonElement?> ProgressAsync()
    {
        try
        {
            using var response = await http.GetAsync($"/jobs/{Id}");
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var job = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            _seen.Add(job.GetProperty("processedRows").GetInt64());
            return job;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    public async Task<long> WaitForProcessedAsync(long rows, TimeSpan deadline)
    {
        var job = await Eventually.ReturnsAsync(ProgressAsync, p => p is { } j && j.GetProperty("processedRows").GetInt64() >= rows,
            deadline, $"{rows} rows processed");
        return job!.Value.GetProperty("processedRows").GetInt64();
    }

    public async Task<JsonElement> WaitForStatusAsync(string status, TimeSpan deadline) =>
        (await Eventually.ReturnsAsync(ProgressAsync, p => p is { } j && j.GetProperty("status").GetString() == status,
            deadline, $"job {Id} to be {status}"))!.Value;

    public async Task<CsvOutput> DownloadAsync()
    {
        using var response = await http.GetAsync($"/jobs/{Id}/result");
        Assert.True(response.IsSuccessStatusCode, $"GET result answered {(int)response.StatusCode}");
        return await CsvOutput.ParseAsync(await response.Content.ReadAsStreamAsync());
    }
}
