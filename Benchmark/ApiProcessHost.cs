using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The product as users run it: the API process in the embedded default (its own silo, state on disk in a fresh
/// temporary <c>Storage__Path</c>), jobs uploaded, followed and downloaded over HTTP. The emulator and the load stay
/// in the benchmark's process, so the API process's CPU and memory are the product's alone.
/// </summary>
public sealed class ApiProcessHost : IBenchmarkHost
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);

    /// <summary>How often the job's progress is read: finer than the figures printed, cheap for the API.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(150);

    /// <summary>As the API writes its answers: camelCase, enums by camelCase name.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly TemporaryDirectory _work;
    private readonly ApiProcess _api;
    private readonly HttpClient _http;
    private readonly BenchmarkSettings _settings;
    private bool _failed;

    private ApiProcessHost(TemporaryDirectory work, ApiProcess api, BenchmarkSettings settings)
    {
        _work = work;
        _api = api;
        _settings = settings;
        // Uploads and downloads of a million rows take seconds to minutes; the deadline is the job's, not a request's.
        _http = new HttpClient { BaseAddress = api.Address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Description => $"API process (dotnet {ApiProcess.Assembly}, pid {_api.Id}, embedded default, state on disk in a temporary directory)";

    public bool SharesTheBenchmarkProcess => false;

    /// <summary>Starts the API process and waits until it is ready.</summary>
    /// <param name="settings">The benchmark's settings.</param>
    /// <param name="emulator">The providers' stand-in the API is pointed at.</param>
    /// <param name="cancellationToken">Gives up waiting (the process is then killed).</param>
    public static async Task<ApiProcessHost> StartAsync(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator, CancellationToken cancellationToken)
    {
        var work = new TemporaryDirectory("pl-benchmark");
        ApiProcess? api = null;
        try
        {
            var configuration = ProductSettings.For(settings, emulator, DataDirectory(work));
            configuration["Cluster:Mode"] = nameof(ClusterMode.Embedded);
            configuration["Storage:Mode"] = "Disk";
            // No keys: the API listens on loopback only, which the product allows without them.
            configuration["Auth:Mode"] = "None";
            api = ApiProcess.Start(ProductSettings.AsEnvironment(configuration), FreePort.Pick(), Path.Combine(work.Path, "api.log"), settings.ApiDirectory);
            await api.WaitUntilReadyAsync(ReadyWithin, cancellationToken);
            return new ApiProcessHost(work, api, settings);
        }
        catch
        {
            api?.Dispose();
            // The failure names the log: it stays, the data goes.
            Directory.Delete(DataDirectory(work), recursive: true);
            throw;
        }
    }

    public TimeSpan ProductCpu() => _api.Cpu();

    public ProcessMemory ProductMemory() => _api.Memory();

    public async Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken)
    {
        try
        {
            return await RunOverHttpAsync(rows, cancellationToken);
        }
        catch (HttpRequestException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C kills the process at once: a request it broke is the stop, not a failure.
            throw new OperationCanceledException("The run was stopped.", ex, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Failure($"The API stopped answering: {ex.Message}", ex);
        }
    }

    private async Task<JobMeasurement> RunOverHttpAsync(int rows, CancellationToken cancellationToken)
    {
        var clock = new JobClock(ProductCpu);
        var start = clock.Mark();
        var id = await SubmitAsync(rows, cancellationToken);
        // POST /jobs answers once the file is read and the job has started.
        var submitted = clock.Mark();

        JobOutcome outcome;
        do
        {
            await Task.Delay(PollInterval, cancellationToken);
            outcome = await _http.GetFromJsonAsync<JobOutcome>($"/jobs/{id}", Json, cancellationToken)
                ?? throw Failure($"GET /jobs/{id} answered nothing");
        }
        while (outcome.Status is JobStatus.Queued or JobStatus.Running);

        var lastRow = clock.Mark();
        if (outcome.Status != JobStatus.Completed)
        {
            throw Failure($"Job {id} ended {outcome.Status.ToString().ToLowerInvariant()}: {outcome.Error ?? "no error given"}");
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

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _api.Dispose();
        // After the process is gone: its data directory (the SQLite file) goes with the run, and so does the log
        // unless a failure named it.
        if (_failed)
        {
            Directory.Delete(DataDirectory(_work), recursive: true);
        }
        else
        {
            _work.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string DataDirectory(TemporaryDirectory work) => Directory.CreateDirectory(Path.Combine(work.Path, "data")).FullName;

    /// <summary>An error with the API's last log lines; the log is then kept.</summary>
    private InvalidOperationException Failure(string message, Exception? cause = null)
    {
        _failed = true;
        return _api.Failure(message, cause);
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
        return body.RootElement.GetProperty("id").GetString() ?? throw Failure("POST /jobs answered no job id");
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw Failure($"{request} answered {(int)response.StatusCode} {(HttpStatusCode)response.StatusCode}: {body}");
        }
    }
}
