using System.Diagnostics;
using System.Globalization;
using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// Memory stays flat in the embedded default: state lives on disk, and research entries and chunks leave memory once
/// their results are written (a chunk also right after an upload wrote it). The API process peaks at about 0.5 GiB for
/// 100,000 and for 1,000,000 rows; keeping finished chunks for the idle collection age took 1.5 GiB at 1,000,000 rows,
/// every research entry for minutes 1.5-1.6 GiB at 200,000. The bound, the 1 GiB for a 1,000,000-row job, is
/// about twice the measured peak; docs/BENCHMARKS.md holds the figures.
/// </summary>
/// <remarks>
/// For measurements, <c>MEMORY_TEST_ROWS</c> changes the row count and <c>MEMORY_TEST_STORAGE=Memory</c> runs the same
/// job on in-memory storage (the bound still applies, and fails there for large files).
/// </remarks>
[Collection(EmbeddedProcessCollection.Name)]
public sealed class EmbeddedMemoryTests(ITestOutputHelper output)
{
    private const long PeakBound = 1024L * 1024 * 1024;

    [Fact]
    public async Task A_200000_row_job_keeps_the_api_process_peak_working_set_under_1_GiB()
    {
        var rows = int.TryParse(Environment.GetEnvironmentVariable("MEMORY_TEST_ROWS"), CultureInfo.InvariantCulture, out var asked) ? asked : 200_000;
        var storage = Environment.GetEnvironmentVariable("MEMORY_TEST_STORAGE") ?? "Disk";
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync(new ProviderEmulator.EmulatorOptions { RecordedRequestLimit = 0 });
        await using var process = await EmbeddedApiProcess.StartAsync(emulator, rowsInFlight: 1000, new Dictionary<string, string?>
        {
            // The product's defaults, not the small test sizes.
            ["Processing:ChunkSize"] = "100",
            ["Processing:ResultFlushInterval"] = null,
            ["Processing:ResultFlushBatchSize"] = null,
            ["Storage:Mode"] = storage,
        });
        var clock = Stopwatch.StartNew();
        var job = new JobClient(process.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows));
        var uploaded = clock.Elapsed;
        try
        {
            await job.WaitForStatusAsync("completed", TimeSpan.FromMinutes(rows / 50_000 + 4));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{process.Api.Tail()}", ex);
        }

        var processed = clock.Elapsed;
        var result = await job.DownloadAsync();
        var peak = process.PeakWorkingSetBytes();
        output.WriteLine(
            $"{rows} rows on {storage} storage: upload {uploaded.TotalSeconds:0.0} s, done at {processed.TotalSeconds:0.0} s " +
            $"({rows / processed.TotalSeconds:0} rows/s), downloaded at {clock.Elapsed.TotalSeconds:0.0} s; peak working set {peak / 1024 / 1024} MiB");

        EmulatedLines.AssertEveryRowHasItsOwnLine(result, rows);
        Assert.True(peak < PeakBound, $"the API process peaked at {peak / 1024 / 1024} MiB for {rows} rows (bound {PeakBound / 1024 / 1024} MiB)");
    }
}
