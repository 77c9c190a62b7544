using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// Runs benchmark jobs through the API's HTTP interface as users do: the generated CSV streamed to <c>POST /jobs</c>
/// (never held whole in memory), <c>GET /jobs/{id}</c> polled until the job ends, <c>GET /jobs/{id}/result</c> streamed
/// and counted. Whichever processes answer behind the API, the job is driven the same way.
/// </summary>
public sealed class HttpJobDriver : IDisposable
{
    /// <summary>How often the job's progress is read: finer than the figures printed, cheap for the API.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>As the API writes its answers: camelCase, enums by camelCase name.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly HttpClient _http;
    private readonly BenchmarkSettings _settings;
    private readonly Func<TimeSpan> _productCpu;
    private readonly Func<string, Exception?, Exception> _failure;

    /// <param name="api">The API's base address.</param>
    /// <param name="settings">The job's options (rows per request, batch mode).</param>
    /// <param name="productCpu">The CPU of the product's processes so far, read at each phase of a job.</param>
    /// <param name="failure">Turns what went wrong into the error to throw, e.g. with the API's last log lines.</param>
    public HttpJobDriver(Uri api, BenchmarkSettings settings, Func<TimeSpan> productCpu, Func<string, Exception?, Exception> failure)
    {
        _settings = settings;
        _productCpu = productCpu;
        _failure = failure;
        // Uploads and downloads of a million rows take seconds to minutes; the deadline is the job's, not a request's.
        _http = new HttpClient { BaseAddress = api, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Generates <paramref name="rows"/> leads, runs them as one job and downloads the result.</summary>
    public async Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken)
    {
        try
        {
            return await RunOverHttpAsync(rows, cancellationToken);
        }
        catch (HttpRequestException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C kills the product's processes at once: a request that broke is the stop, not a failure.
            throw new OperationCanceledException("The run was stopped.", ex, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw _failure($"The API stopped answering: {ex.Message}", ex);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<JobMeasurement> RunOverHttpAsync(int rows, CancellationToken cancellationToken)
    {
        var clock = new JobClock(_productCpu);
        var start = clock.Mark();
        var id = await SubmitAsync(rows, cancellationToken);
        // POST /jobs answers once the file is read and the job has started.
        var submitted = clock.Mark();

        JobOutcome outcome;
        do
        {
            await Task.Delay(PollInterval, cancellationToken);
            outcome = await _http.GetFromJsonAsync<JobOutcome>($"/jobs/{id}", Json, cancellationToken)
                ?? throw _failure($"GET /jobs/{id} answered nothing", null);
        }
        while (outcome.Status is JobStatus.Queued or JobStatus.Running);

        var lastRow = clock.Mark();
        if (outcome.Status != JobStatus.Completed)
        {
            throw _failure($"Job {id} ended {outcome.Status.ToString().ToLowerInvariant()}: {outcome.Error ?? "no error given"}", null);
        }

        var output = new CountingStream();
        using (var result = await _http.GetAsync($"/jobs/{id}/result", HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            await EnsureSuccessAsync(result, $"GET /jobs/{id}/result", cancellationToken);
            await result.Content.CopyToAsync(output, cancellationToken);
        }

        var downloaded = clock.Mark();
        return new JobMeasurement(outcome, start, Uploaded: null, submitted, lastRow, downloaded, output.Length, output.Lines);
    }

    /// <summary>POST /jobs with the generated file streamed as it is generated; returns the job's id.</summary>
    private async Task<string> SubmitAsync(int rows, CancellationToken cancellationToken)
    {
        await using var leads = LeadGenerator.Open(rows, runTag: Guid.NewGuid().ToString("N")[..8]);
        var file = new StreamContent(leads);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        // The API reads the text fields before the file: they come first.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(_settings.RowsPerRequest.ToString(CultureInfo.InvariantCulture)), "rowsPerRequest" },
            { new StringContent(_settings.Batch ? "batch" : "online"), "mode" },
            { file, "file", "benchmark.csv" },
        };
        using var response = await _http.PostAsync("/jobs", form, cancellationToken);
        await EnsureSuccessAsync(response, "POST /jobs", cancellationToken);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.GetProperty("id").GetString() ?? throw _failure("POST /jobs answered no job id", null);
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw _failure($"{request} answered {(int)response.StatusCode} {(HttpStatusCode)response.StatusCode}: {body}", null);
        }
    }
}
