using System.Diagnostics;
using System.Runtime.InteropServices;
using PersonalizedLine.Benchmark;
using PersonalizedLine.ProviderEmulator;

// Runs generated leads through the real pipeline (the product's hosting, real Refit clients and resilience, real HTTP)
// against the provider emulator at the given latencies, and prints throughput, CPU and memory. By default the product
// runs as users run it, the API as its own process (--host api), so its CPU and memory are measured apart from the
// emulator's; --host in-process hosts the silos in this process instead, which the multi-silo and provider-limit
// scenarios need for their report; --host cluster --silos N starts a real local cluster with scripts/cluster up N
// (silo processes, the API, Redis and PostgreSQL) and measures each process apart. A short warm-up job runs first, as
// in any benchmark of a long-running service: JIT and connection set-up are paid once per process, not per job. With
// --silos, --quota-* or a product limit it runs on several silos or at a provider limit, and reports from the
// emulator's side how much of the limit the cluster held (see docs/BENCHMARKS.md).
var settings = BenchmarkSettings.Parse(args);
using var stop = new CancellationTokenSource();
// The first Ctrl+C ends the run cleanly (the product's processes are stopped, temporary data deleted); a second one at once.
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
// SIGTERM (kill, timeout) likewise; without this the emulator's web host would take the signal and the run go on.
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

try
{
    return await RunAsync(settings, stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped: the product's processes were stopped and their temporary data deleted.");
    return 130;
}

static async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken stop)
{
    await using var emulator = await ProviderEmulator.StartAsync(new EmulatorOptions { RecordedRequestLimit = 0 });
    long firstCallTicks = 0;

    var startClock = Stopwatch.StartNew();
    await using IBenchmarkHost host = settings.Host switch
    {
        BenchmarkHostKind.Api => await ApiProcessHost.StartAsync(settings, emulator, stop),
        BenchmarkHostKind.Cluster => await ClusterHost.StartAsync(settings, emulator, stop),
        _ => await InProcessHost.StartAsync(settings, emulator),
    };
    var startup = (Wall: startClock.Elapsed, Cpu: host.ProductCpu());

    if (settings.WarmupRows > 0)
    {
        await host.RunJobAsync(settings.WarmupRows, stop);
    }

    var warmupCpu = host.ProductCpu() - startup.Cpu;
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
    var processesBefore = host.SampleProcesses();
    var occupancy = new SlotOccupancy(emulator);
    var run = await host.RunJobAsync(settings.Rows, stop);
    await occupancy.DisposeAsync();
    // Read while the product's process still runs: its peak is its lifetime's, warm-up included.
    var memory = host.ProductMemory();
    var processesAfter = host.SampleProcesses();
    var severalProcesses = processesAfter.Count > 0;

    var outcome = run.Outcome;
    var rowsPerSecond = settings.Rows / run.JobSeconds;
    var ideal = settings.IdealRowsPerSecond;
    var firstCall = new DateTimeOffset(Interlocked.Read(ref firstCallTicks), TimeSpan.Zero) - outcome.StartedAt!.Value;
    var warmup = settings.WarmupRows > 0 ? $"warm-up job {warmupCpu.TotalSeconds:N1} s" : "no warm-up job";
    Console.WriteLine($"host                 {host.Description}");
    Console.WriteLine($"rows                 {settings.Rows:N0} ({outcome.SucceededRows:N0} ok, {outcome.FailedRows:N0} failed), {(settings.WarmupRows > 0 ? $"after a {settings.WarmupRows:N0}-row warm-up job" : "no warm-up job")}");
    Console.WriteLine($"latency              research {Latency(settings.ResearchLatencyMs, settings.ResearchJitterMs)} + LLM {Latency(settings.LlmLatencyMs, settings.LlmJitterMs)}, {settings.RowsInFlight} rows in flight{(settings.Silos > 1 ? $" on each of {settings.Silos} silos" : string.Empty)}, chunk {settings.ChunkSize}");
    Console.WriteLine(run.Uploaded is null
        ? $"upload               {run.Upload.TotalSeconds:N2} s ({settings.Rows / run.Upload.TotalSeconds:N0} rows/s) until POST /jobs answered (file read, job started)"
        : $"upload               {run.Upload.TotalSeconds:N2} s ({settings.Rows / run.Upload.TotalSeconds:N0} rows/s); job start {(run.Submitted.Elapsed - run.Upload).TotalSeconds:N2} s");
    Console.WriteLine($"processing           {run.JobSeconds:N2} s (job start to last row); first provider call {firstCall.TotalSeconds:N2} s after the start");
    Console.WriteLine($"download             {run.Download.TotalSeconds:N2} s ({run.OutputBytes / 1024.0 / 1024.0:N1} MiB, {run.OutputLines:N0} lines)");
    Console.WriteLine($"rows/s               {rowsPerSecond:N1} ({settings.Rows / run.LastRow.Elapsed.TotalSeconds:N1} counting the upload)");
    Console.WriteLine(double.IsNaN(ideal)
        ? "ideal rows/s         n/a (zero latency: this is the CPU ceiling)"
        : $"ideal rows/s         {ideal:N1} ({(settings.QuotaRequestsPerWindow is null ? "rows in flight ÷ per-row latency" : "the request quota, or rows in flight ÷ per-row latency if lower")})");
    Console.WriteLine(double.IsNaN(ideal) ? "efficiency           n/a" : $"efficiency           {100 * rowsPerSecond / ideal:N1} %");
    if (!double.IsNaN(ideal))
    {
        Console.WriteLine($"slots busy           {occupancy.Describe(settings.Silos * settings.RowsInFlight, settings.RowLatencySeconds)}");
    }
    Console.WriteLine($"provider calls       search {emulator.Search.TotalRequests:N0} (peak {emulator.Search.MaxInFlight} in flight), LLM {emulator.Llm.TotalRequests:N0} (peak {emulator.Llm.MaxInFlight})"
        + (settings.Batch ? $", in provider batches {emulator.Batches.RequestsProcessed:N0} ({emulator.Batches.FilesUploaded} file(s))" : string.Empty));
    Console.WriteLine($"rows per request     {settings.RowsPerRequest} asked; {outcome.Usage.LlmRequests:N0} LLM requests for {settings.Rows:N0} rows; {settings.Rows / run.JobSeconds * 60:N0} rows/min");
    var cost = outcome.Cost;
    Console.WriteLine($"cost (list prices)   {(cost is null ? "n/a" : $"LLM ${cost.Llm:0.######}, search ${cost.Search:0.######}, total ${cost.Total:0.######}")}{(settings.Batch ? " (batch discount applied)" : string.Empty)}; {outcome.Usage.PromptTokens:N0} prompt + {outcome.Usage.CompletionTokens:N0} completion tokens");
    var cores = Environment.ProcessorCount;
    if (host.SharesTheBenchmarkProcess)
    {
        Console.WriteLine($"CPU                  {run.ProductCpu.TotalSeconds:N1} s ({run.ProductCpu.TotalSeconds / run.Wall.TotalSeconds:N2} of {cores} cores busy on average; emulator included)"
            + $" = {PerRow(run.ProductCpu, settings.Rows)} with the emulator's (job: upload to download); start-up {startup.Cpu.TotalSeconds:N1} s; {warmup}");
        Console.WriteLine($"CPU (processing)     {run.ProcessingCpu.TotalSeconds:N1} s = {PerRow(run.ProcessingCpu, settings.Rows)} (job start to last row, emulator included)");
        Console.WriteLine($"peak memory          {ProcessMemory.Mebibytes(memory.PeakBytes):N0} MiB working set (process lifetime{(settings.WarmupRows > 0 ? ", warm-up included" : string.Empty)}; emulator included)");
    }
    else
    {
        Console.WriteLine($"{(severalProcesses ? "CPU (API + silos)" : "CPU (API process)"),-21}{run.ProductCpu.TotalSeconds:N1} s for {settings.Rows:N0} rows = {PerRow(run.ProductCpu, settings.Rows)} (job: upload to download);"
            + $" start-up {startup.Cpu.TotalSeconds:N1} s ({startup.Wall.TotalSeconds:N1} s to ready); {warmup}");
        Console.WriteLine($"CPU (processing)     {run.ProcessingCpu.TotalSeconds:N1} s = {PerRow(run.ProcessingCpu, settings.Rows)} (job start to last row; {run.ProcessingCpu / run.ProcessingWall:N2} of {cores} cores busy)");
        Console.WriteLine($"CPU (emulator, load) {run.BenchmarkCpu.TotalSeconds:N1} s in the benchmark process, counted apart");
        Console.WriteLine(severalProcesses
            ? $"peak memory          {ProcessMemory.Mebibytes(memory.PeakBytes):N0} MiB: the API's and silos' peak RSS added up (each its own process's, so an upper bound; one by one below); {ProcessMemory.Mebibytes(memory.CurrentBytes):N0} MiB at the end"
            : $"peak memory          {ProcessMemory.Mebibytes(memory.PeakBytes):N0} MiB peak RSS of the API process (VmHWM, lifetime{(settings.WarmupRows > 0 ? ", warm-up included" : string.Empty)}); {ProcessMemory.Mebibytes(memory.CurrentBytes):N0} MiB at the end");
    }

    if (severalProcesses)
    {
        ProcessBreakdown.Print(processesBefore, processesAfter, settings.Rows, run.Wall, afterWarmup: settings.WarmupRows > 0);
        Console.WriteLine($"rows per silo        {outcome.RowsBySiloText}");
    }

    if (host is InProcessHost inProcess && (settings.AtProviderLimit || settings.Silos > 1))
    {
        await LimitReport.PrintAsync(settings, emulator, outcome, inProcess.Services);
    }

    return outcome.SucceededRows == settings.Rows && run.OutputLines == settings.Rows + 1 ? 0 : 1;
}

static string Latency(int ms, int jitterMs) => jitterMs > 0 ? $"{ms}-{ms + jitterMs} ms" : $"{ms} ms";

static string PerRow(TimeSpan cpu, int rows) => $"{cpu.TotalMilliseconds / rows:N2} ms per row";
