using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLine.Benchmark;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Silo.Hosting;
using Serilog.Events;

// Runs generated leads through the real pipeline (embedded silo, real Refit clients and resilience, real HTTP)
// against the provider emulator at the given latencies, and prints throughput, CPU and memory.
var settings = BenchmarkSettings.Parse(args);
await using var emulator = await ProviderEmulator.StartAsync();
emulator.Search.Latency = TimeSpan.FromMilliseconds(settings.ResearchLatencyMs);
emulator.Llm.Latency = TimeSpan.FromMilliseconds(settings.LlmLatencyMs);

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
    ["Research:ApiKey"] = "benchmark-key",
    ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
    ["Llm:ApiKey"] = "benchmark-key",
    ["Processing:MaxConcurrentRowsPerSilo"] = settings.RowsInFlight.ToString(),
    ["Processing:ChunkSize"] = settings.ChunkSize.ToString(),
    ["Upload:MaxRows"] = Math.Max(settings.Rows, 1).ToString(),
});
builder.AddPersonalizedLineLogging(consoleLevel: LogEventLevel.Warning);
builder.AddPersonalizedLineSilo(withDashboard: false);
using var host = builder.Build();
await host.StartAsync();

var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
var clock = Stopwatch.StartNew();

var grains = host.Services.GetRequiredService<IGrainFactory>();
using var leads = LeadGenerator.Generate(settings.Rows);
var progress = await host.Services.GetRequiredService<JobSubmitter>()
    .SubmitAsync(leads, new JobRequest("benchmark.csv"), null, CancellationToken.None);
var uploaded = clock.Elapsed;
var job = grains.GetGrain<IJobGrain>(progress.JobId);
while (progress.Status is JobStatus.Queued or JobStatus.Running)
{
    await Task.Delay(100);
    progress = await job.GetProgress() ?? progress;
}

var processed = clock.Elapsed;
var manifest = await job.GetManifest() ?? throw new InvalidOperationException("The job vanished.");
var output = new CountingStream();
await host.Services.GetRequiredService<JobResultWriter>().WriteAsync(progress.JobId, manifest, output, CancellationToken.None);
var total = clock.Elapsed;

process.Refresh();
var cpu = process.TotalProcessorTime - cpuBefore;
var rowsPerSecond = settings.Rows / processed.TotalSeconds;
var ideal = settings.IdealRowsPerSecond;

Console.WriteLine($"rows                 {settings.Rows:N0} ({progress.SucceededRows:N0} ok, {progress.FailedRows:N0} failed)");
Console.WriteLine($"latency              research {settings.ResearchLatencyMs} ms + LLM {settings.LlmLatencyMs} ms, {settings.RowsInFlight} rows in flight, chunk {settings.ChunkSize}");
Console.WriteLine($"upload               {uploaded.TotalSeconds:N2} s");
Console.WriteLine($"processing           {processed.TotalSeconds:N2} s (submit to last row)");
Console.WriteLine($"download             {(total - processed).TotalSeconds:N2} s ({output.Length / 1024.0 / 1024.0:N1} MiB, {output.Lines:N0} lines)");
Console.WriteLine($"rows/s               {rowsPerSecond:N1}");
Console.WriteLine(double.IsNaN(ideal)
    ? "ideal rows/s         n/a (zero latency: this is the CPU ceiling)"
    : $"ideal rows/s         {ideal:N1} (rows in flight ÷ per-row latency)");
Console.WriteLine(double.IsNaN(ideal) ? "efficiency           n/a" : $"efficiency           {100 * rowsPerSecond / ideal:N1} %");
Console.WriteLine($"provider calls       search {emulator.Search.TotalRequests:N0} (peak {emulator.Search.MaxInFlight} in flight), LLM {emulator.Llm.TotalRequests:N0} (peak {emulator.Llm.MaxInFlight})");
Console.WriteLine($"CPU                  {cpu.TotalSeconds:N1} s ({cpu.TotalSeconds / total.TotalSeconds:N2} cores busy on average; emulator included)");
Console.WriteLine($"peak memory          {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB working set");

await host.StopAsync();
return progress.SucceededRows == settings.Rows && output.Lines == settings.Rows + 1 ? 0 : 1;
