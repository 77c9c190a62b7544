using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// Rows sharing chat completions on three silos, counted at the emulator: ⌈N / B⌉ requests plus the partial ones at
/// the end, and under every alignment fault no row ever gets another row's line; only the rows a fault touched are
/// asked again, alone.
/// </summary>
[Collection(ThreeSilosSharingRequestsCollection.Name)]
public sealed class SharedRequestPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly ThreeSilosSharingRequests _cluster;

    public SharedRequestPipelineTests(ThreeSilosSharingRequests cluster)
    {
        _cluster = cluster;
        cluster.Emulator.Reset();
    }

    [Theory]
    [InlineData(500, 1)]
    [InlineData(500, 10)]
    [InlineData(500, 50)]
    [InlineData(1_000, 20)]
    public async Task Rows_per_request_divides_the_llm_requests(int rows, int rowsPerRequest)
    {
        var (progress, output) = await RunAsync(rows, rowsPerRequest);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, rows);
        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(rows, progress.SucceededRows);
        var requests = _cluster.Emulator.Llm.TotalRequests;
        var least = (rows + rowsPerRequest - 1) / rowsPerRequest;
        // Each of the 3 silos may send one partial request at the end of the job, and one when rows trickle in.
        Assert.InRange(requests, least, least + (rowsPerRequest == 1 ? 0 : 6));
        Assert.Equal(requests, progress.Usage.LlmRequests);
        var alone = _cluster.Emulator.Llm.Requests.Count(r => !IsShared(r));
        Assert.Equal(rows, _cluster.Emulator.Llm.BatchedRows + alone);
        Assert.Equal(rowsPerRequest, progress.RowsPerRequest);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("swapped")]
    [InlineData("duplicate")]
    [InlineData("unknown")]
    [InlineData("invalid")]
    [InlineData("truncated")]
    public async Task A_fault_sends_back_alone_only_the_rows_it_touched(string fault)
    {
        // Only the first shared request is spoiled, whichever comes first.
        var spoiled = 0;
        _cluster.Emulator.Llm.FaultWhen(body =>
            body.Contains("json_object", StringComparison.Ordinal) && Interlocked.Exchange(ref spoiled, 1) == 0 ? FaultNamed(fault) : null);

        var (progress, output) = await RunAsync(rows: 40, rowsPerRequest: 10);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, 40);
        Assert.Equal(40, progress.SucceededRows);
        var requests = _cluster.Emulator.Llm.Requests;
        var faulted = CompaniesIn(requests.Single(r => r.Fault is not null).Text);
        var touched = fault switch
        {
            "missing" => [faulted[^1]],
            "swapped" => faulted[..2],
            "duplicate" => [faulted[0]],
            "unknown" => [],
            _ => faulted,
        };
        var alone = requests.Where(r => !IsShared(r)).ToList();
        foreach (var company in touched)
        {
            Assert.Contains(alone, single => single.Text.Contains($"- company: {company}\n", StringComparison.Ordinal));
        }

        // Besides those, only a silo's last row of the job may have found nobody to share with.
        Assert.InRange(alone.Count, touched.Length, touched.Length + 3);
    }

    private async Task<(JobProgress Progress, CsvOutput Output)> RunAsync(int rows, int rowsPerRequest)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        return await _cluster.RunAsync(
            LeadFiles.Csv(rows, i => $"Shared{tag}Co{i}"), Deadline, new JobRequest("leads.csv", RowsPerRequest: rowsPerRequest));
    }

    private static bool IsShared(RecordedRequest request) => request.Body.Contains("json_object", StringComparison.Ordinal);

    private static string[] CompaniesIn(string sharedUserMessage)
    {
        using var rows = JsonDocument.Parse(sharedUserMessage.Split('\n')[^1]);
        return rows.RootElement.EnumerateArray().Select(row => row.GetProperty("lead").GetProperty("company").GetString()!).ToArray();
    }

    private static Fault FaultNamed(string name) => name switch
    {
        "missing" => Fault.BatchMissingId(),
        "swapped" => Fault.BatchSwappedIds(),
        "duplicate" => Fault.BatchDuplicateId(),
        "unknown" => Fault.BatchUnknownId(),
        "invalid" => Fault.BatchInvalidJson(),
        "truncated" => Fault.BatchTruncated(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
