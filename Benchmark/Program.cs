using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PersonalizedLine.Benchmark;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Silo.Hosting;
using Serilog.Events;

// Runs generated leads through the real pipeline (embedded silo, real Refit clients and resilience, real HTTP)
// against the provider emulator at the given latencies, and prints throughput, CPU and memory. A short warm-up
// job runs first, as in any benchmark of a long-running service: JIT and connection set-up are paid once per
// process, not per job.
var settings = BenchmarkSettings.Parse(args);
await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { RecordedRequestLimit = 0 });
long firstCallTicks = 0;

var builder = Host.CreateApplicationBuilder();
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
    ["Research:ApiKey"] = "benchmark-key",
    ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
    ["Llm:ApiKey"] = "benchmark-key",
    ["Processing:MaxConcurrentRowsPerSilo"] = settings.RowsInFlight.ToString(),
    ["Processing:ChunkSize"] = settings.ChunkSize.ToString(),
    ["Upload:MaxRows"] = Math.Max(settings.Rows, settings.WarmupRows).ToString(),
});
builder.AddPersonalizedLineLogging(consoleLevel: LogEventLevel.Warning);
builder.AddPersonalizedLineSilo(withDashboard: false);
using var host = builder.Build();
await host.StartAsync();
var runner = new BenchmarkRunner(host.Services);

if (settings.WarmupRows > 0)
{
    await runner.RunAsync(settings.WarmupRows);
}

emulator.ResetCounters();
emulator.Search.Latency = TimeSpan.FromMilliseconds(settings.ResearchLatencyMs);
emulator.Llm.Latency = TimeSpan.FromMilliseconds(settings.LlmLatencyMs);
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
Console.WriteLine($"rows                 {settings.Rows:N0} ({progress.SucceededRows:N0} ok, {progress.FailedRows:N0} failed), after a {settings.WarmupRows:N0}-row warm-up job");
Console.WriteLine($"latency              research {settings.ResearchLatencyMs} ms + LLM {settings.LlmLatencyMs} ms, {settings.RowsInFlight} rows in flight, chunk {settings.ChunkSize}");
Console.WriteLine($"upload               {run.Upload.TotalSeconds:N2} s ({settings.Rows / run.Upload.TotalSeconds:N0} rows/s); job start {(run.SubmitReturned - run.Upload).TotalSeconds:N2} s");
Console.WriteLine($"processing           {run.JobSeconds:N2} s (job start to last row); first provider call {firstCall.TotalSeconds:N2} s after the start");
Console.WriteLine($"download             {run.Download.TotalSeconds:N2} s ({run.OutputBytes / 1024.0 / 1024.0:N1} MiB, {run.OutputLines:N0} lines)");
Console.WriteLine($"rows/s               {rowsPerSecond:N1} ({settings.Rows / run.LastRow.TotalSeconds:N1} counting the upload)");
Console.WriteLine(double.IsNaN(ideal)
    ? "ideal rows/s         n/a (zero latency: this is the CPU ceiling)"
    : $"ideal rows/s         {ideal:N1} (rows in flight ÷ per-row latency)");
Console.WriteLine(double.IsNaN(ideal) ? "efficiency           n/a" : $"efficiency           {100 * rowsPerSecond / ideal:N1} %");
Console.WriteLine($"provider calls       search {emulator.Search.TotalRequests:N0} (peak {emulator.Search.MaxInFlight} in flight), LLM {emulator.Llm.TotalRequests:N0} (peak {emulator.Llm.MaxInFlight})");
Console.WriteLine($"CPU                  {cpu.TotalSeconds:N1} s ({cpu.TotalSeconds / wall.TotalSeconds:N2} of {Environment.ProcessorCount} cores busy on average; emulator included)");
Console.WriteLine($"peak memory          {process.PeakWorkingSet64 / 1024.0 / 1024.0:N0} MiB working set (process lifetime, warm-up included)");

await host.StopAsync();
return progress.SucceededRows == settings.Rows && run.OutputLines == settings.Rows + 1 ? 0 : 1;
