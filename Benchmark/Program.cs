using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using PersonalizedLine.Benchmark;
using PersonalizedLine.ProviderEmulator;

// Runs generated leads through the real pipeline (the product's silo hosting, real Refit clients and resilience, real HTTP)
// against the provider emulator at the given latencies, and prints throughput, CPU and memory. A short warm-up
// job runs first, as in any benchmark of a long-running service: JIT and connection set-up are paid once per
// process, not per job. With --silos, --quota-* or a product limit it also runs on several silos or at a provider
// limit, and reports from the emulator's side how much of the limit the cluster held (see docs/BENCHMARKS.md).
var settings = BenchmarkSettings.Parse(args);
await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { RecordedRequestLimit = 0 });
long firstCallTicks = 0;

var configuration = new Dictionary<string, string?>
{
    ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
    ["Research:ApiKey"] = "benchmark-key",
    ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
    ["Llm:ApiKey"] = "benchmark-key",
    ["Processing:MaxConcurrentRowsPerSilo"] = settings.RowsInFlight.ToString(),
    ["Processing:ChunkSize"] = settings.ChunkSize.ToString(),
    ["Upload:MaxRows"] = Math.Max(settings.Rows, settings.WarmupRows).ToString(),
    // Polly logs every handled 429 as a warning; at a provider limit the report below counts them instead.
    ["Serilog:MinimumLevel:Override:Polly"] = "Error",
    // Batch mode: the emulator's batches finish in seconds; poll them as often.
    ["Llm:BatchPollInterval"] = "00:00:01",
};
if (settings.ResearchRequestsPerMinute > 0)
{
    configuration["Research:RequestsPerMinute"] = settings.ResearchRequestsPerMinute.ToString();
}

if (settings.LlmRequestsPerMinute > 0)
{
    configuration["Llm:RequestsPerMinute"] = settings.LlmRequestsPerMinute.ToString();
}

if (settings.LlmTokensPerMinute > 0)
{
    configuration["Llm:TokensPerMinute"] = settings.LlmTokensPerMinute.ToString();
}

await using var cluster = await BenchmarkCluster.StartAsync(settings.Silos, configuration);
var runner = new BenchmarkRunner(cluster.Services, settings.RowsPerRequest, settings.Batch);

if (settings.WarmupRows > 0)
{
    await runner.RunAsync(settings.WarmupRows);
}

emulator.ResetCounters();
emulator.Search.Latency = TimeSpan.FromMilliseconds(settings.ResearchLatencyMs);
emulator.Llm.Latency = TimeSpan.FromMilliseconds(settings.LlmLatencyMs);
emulator.Search.LatencyJitter = TimeSpan.FromMilliseconds(settings.ResearchJitterMs);
emulator.Llm.LatencyJitter = TimeSpan.FromMilliseconds(settings.LlmJitterMs);
// Set after the warm-up and the reset: the quota's windows start empty with the measured job.
emulator.Search.Quota = settings.QuotaRequestsPerWindow is { } searchQuota
    ? new QuotaPolicy { RequestsPerWindow = searchQuota, Window = settings.QuotaWindow }
    : null;
emulator.Llm.Quota = settings.LlmQuotaRequestsPerWindow is not null || settings.QuotaTokensPerWindow is not null
    ? new QuotaPolicy { RequestsPerWindow = settings.LlmQuotaRequestsPerWindow, TokensPerWindow = settings.QuotaTokensPerWindow, Window = settings.QuotaWindow }
    : null;
emulator.Search.RequestReceived += request => Interlocked.CompareExchange(ref firstCallTicks, request.ReceivedAt.UtcTicks, 0);
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var run = await runner.RunAsync(settings.Rows);
process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;

var progress = run.Progress;
var rowsPerSecond = settings.Rows / run.JobSeconds;
var ideal = settings.IdealRowsPerSecond;
var firstCall = new DateTimeOffset(Interlocked.Read(ref firstCallTicks), TimeSpan.Zero) - progress.StartedAt!.Value;
var wall = run.LastRow + run.Download;
Console.WriteLine($"rows                 {settings.Rows:N0} ({progress.SucceededRows:N0} ok, {progress.FailedRows:N0} failed), {(settings.WarmupRows > 0 ? $"after a {settings.WarmupRows:N0}-row warm-up job" : "no warm-up job")}");
Console.WriteLine($"latency              research {Latency(settings.ResearchLatencyMs, settings.ResearchJitterMs)} + LLM {Latency(settings.LlmLatencyMs, settings.LlmJitterMs)}, {settings.RowsInFlight} rows in flight{(settings.Silos > 1 ? $" on each of {settings.Silos} silos" : string.Empty)}, chunk {settings.ChunkSize}");
Console.WriteLine($"upload               {run.Upload.TotalSeconds:N2} s ({settings.Rows / run.Upload.TotalSeconds:N0} rows/s); job start {(run.SubmitReturned - run.Upload).TotalSeconds:N2} s");
Console.WriteLine($"processing           {run.JobSeconds:N2} s (job start to last row); first provider call {firstCall.TotalSeconds:N2} s after the start");
Console.WriteLine($"download             {run.Download.TotalSeconds:N2} s ({run.OutputBytes / 1024.0 / 1024.0:N1} MiB, {run.OutputLines:N0} lines)");
Console.WriteLine($"rows/s               {rowsPerSecond:N1} ({settings.Rows / run.LastRow.TotalSeconds:N1} counting the upload)");
Console.WriteLine(double.IsNaN(ideal)
    ? "ideal rows/s         n/a (zero latency: this is the CPU ceiling)"
    : $"ideal rows/s         {ideal:N1} ({(settings.QuotaRequestsPerWindow is null ? "rows in flight ÷ per-row latency" : "the request quota, or rows in flight ÷ per-row latency if lower")})");
Console.WriteLine(double.IsNaN(ideal) ? "efficiency           n/a" : $"efficiency           {100 * rowsPerSecond / ideal:N1} %");
Console.WriteLine($"provider calls       search {emulator.Search.TotalRequests:N0} (peak {emulator.Search.MaxInFlight} in flight), LLM {emulator.Llm.TotalRequests:N0} (peak {emulator.Llm.MaxInFlight})"
    + (settings.Batch ? $", in provider batches {emulator.Batches.RequestsProcessed:N0} ({emulator.Batches.FilesUploaded} file(s))" : string.Empty));
Console.WriteLine($"rows per request     {settings.RowsPerRequest} asked; {progress.Usage.LlmRequests:N0} LLM requests for {settings.Rows:N0} rows; {settings.Rows / run.JobSeconds * 60:N0} rows/min");
var cost = cluster.Services.GetRequiredService<PersonalizedLine.Grains.Pricing.CostCalculator>().ForUsage(progress.Model, progress.Usage).Cost;
Console.WriteLine($"cost (list prices)   {(cost is null ? "n/a" : $"LLM ${cost.Llm:0.######}, search ${cost.Search:0.######}, total ${cost.Total:0.######}")}{(settings.Batch ? " (batch discount applied)" : string.Empty)}; {progress.Usage.PromptTokens:N0} prompt + {progress.Usage.CompletionTokens:N0} completion tokens");
Console.WriteLine($"CPU                  {cpu.TotalSeconds:N1} s ({cpu.TotalSeconds / wall.TotalSeconds:N2} of {Environment.ProcessorCount} cores busy on average; emulator included)");
Console.WriteLine($"peak memory          {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB working set (process lifetime, warm-up included)");
if (settings.AtProviderLimit || settings.Silos > 1)
{
    await LimitReport.PrintAsync(settings, emulator, progress, cluster.Services);
}

return progress.SucceededRows == settings.Rows && run.OutputLines == settings.Rows + 1 ? 0 : 1;

static string Latency(int ms, int jitterMs) => jitterMs > 0 ? $"{ms}-{ms + jitterMs} ms" : $"{ms} ms";
