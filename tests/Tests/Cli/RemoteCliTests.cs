using System.Text.RegularExpressions;
using PersonalizedLine.Client.Sdk.Models;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.ClientSdk;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Xlsx;

namespace PersonalizedLine.Tests.Cli;

/// <summary>The CLI's client mode (<c>--server</c>) against the API running as a real process.</summary>
[Collection(RunningApiCollection.Name)]
public sealed partial class RemoteCliTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly RunningApiFixture _api;
    private readonly string _directory = Directory.CreateTempSubdirectory("personalizedline-cli-").FullName;
    private readonly string _sample = RepositoryFiles.PathOf("samples/leads.csv");

    public RemoteCliTests(RunningApiFixture api)
    {
        _api = api;
        api.Emulator.Reset();
    }

    [Fact]
    public async Task ASubmittedFileComesBackAndTheJobsVerbsListShowAndDownloadIt()
    {
        var output = Path.Combine(_directory, "out.csv");

        var (exitCode, printed) = await CliProcess.RunAsync(["--server", _api.Url, _sample, "--output", output, "--model", "llama-3.1-8b-instant"]);

        Assert.True(exitCode == 0, printed + _api.ApiLog);
        Assert.Contains("Done: 40 rows, 39 ok, 1 failed", printed);
        var id = JobId(printed);
        var csv = await SampleOutput.AssertKeepsEveryInputCellAsync(_sample, await File.ReadAllBytesAsync(output));
        Assert.Equal("ok", csv.Cell(0, "personalization_status"));

        var list = await CliProcess.RunAsync(["--server", _api.Url, "jobs", "list", "--limit", "100"]);
        var status = await CliProcess.RunAsync(["--server", _api.Url, "jobs", "status", id]);
        var downloaded = Path.Combine(_directory, "again.csv");
        var download = await CliProcess.RunAsync(["--server", _api.Url, "jobs", "download", id, "--output", downloaded]);

        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Matches($@"{id}\s*│\s*completed\s*│\s*leads\.csv\s*│\s*40/40\s*│\s*39\s*│\s*1\s", list.Output);
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"status\s*│\s*completed", status.Output);
        Assert.Matches(@"rows\s*│\s*40/40 \(100 %\)", status.Output);
        Assert.True(download.ExitCode == 0, download.Output);
        Assert.Contains($"Job {id}: {new FileInfo(output).Length:N0} bytes → {downloaded}", download.Output);
        Assert.Equal(await File.ReadAllBytesAsync(output), await File.ReadAllBytesAsync(downloaded));
    }

    [Fact]
    public async Task CtrlCDetachesAndTheJobGoesOnOnTheServer()
    {
        // One second a line, two rows at a time: the job runs for about 20 s, long after Ctrl+C.
        _api.Emulator.Llm.Latency = TimeSpan.FromSeconds(1);
        var output = Path.Combine(_directory, "detached.csv");
        using var cli = CliProcess.Start(["--server", _api.Url, _sample, "--output", output]);
        var id = JobId(await cli.WaitForOutputAsync("submitted", Deadline));

        await cli.InterruptAsync();
        var exitCode = await cli.WaitForExitAsync(Deadline);
        var afterDetach = await _api.Client.Jobs.GetAsync(id);
        _api.Emulator.Llm.Latency = TimeSpan.Zero;
        var finished = await Eventually.ReturnsAsync(() => _api.Client.Jobs.GetAsync(id), job => job.IsFinished(), Deadline, $"job {id} to finish");

        Assert.Equal(130, exitCode);
        Assert.Contains($"Detached: job {id} goes on on the server.", cli.Output);
        Assert.Contains($"jobs status {id}", cli.Output);
        Assert.Contains($"jobs download {id} --output {output}", cli.Output);
        Assert.False(File.Exists(output));
        Assert.Equal(JobStatus.Running, afterDetach.Status);
        Assert.Equal(JobStatus.Completed, finished.Status);
        Assert.Equal((40, 39, 1), (finished.ProcessedRows, finished.SucceededRows, finished.FailedRows));
    }

    [Fact]
    public async Task CtrlCWithCancelOnExitCancelsTheJobAndWritesWhatWasDone()
    {
        _api.Emulator.Llm.Latency = TimeSpan.FromSeconds(1);
        var output = Path.Combine(_directory, "cancelled.csv");
        using var cli = CliProcess.Start(["--server", _api.Url, _sample, "--output", output, "--cancel-on-exit"]);
        var id = JobId(await cli.WaitForOutputAsync("submitted", Deadline));

        await cli.InterruptAsync();
        var exitCode = await cli.WaitForExitAsync(Deadline);
        var job = await _api.Client.Jobs.GetAsync(id);

        Assert.Equal(130, exitCode);
        Assert.Contains($"Cancelled job {id} on the server (--cancel-on-exit).", cli.Output);
        Assert.Matches(@"Cancelled: 40 rows, \d+ ok, \d+ failed", cli.Output);
        Assert.Equal(JobStatus.Cancelled, job.Status);
        Assert.True(job.SucceededRows < 39, $"{job.SucceededRows} rows succeeded: the job was not cancelled while it ran");
        var csv = await SampleOutput.AssertKeepsEveryInputCellAsync(_sample, await File.ReadAllBytesAsync(output));
        Assert.Contains(Enumerable.Range(0, csv.Rows.Count), i => csv.Cell(i, "personalization_status") == "failed" && csv.Cell(i, "personalization_error").Contains("cancel", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AnUnreachableServerIsNamedAndTheExitCodeSaysSo()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Pick()}";

        var submit = await CliProcess.RunAsync(["--server", nobody, _sample]);
        var list = await CliProcess.RunAsync(["--server", nobody, "jobs", "list"]);

        Assert.Equal(4, submit.ExitCode);
        Assert.Contains($"Cannot reach the server at {nobody}/: Connection refused. Is the API running there", submit.Output);
        Assert.Equal(4, list.ExitCode);
        Assert.Contains($"Cannot reach the server at {nobody}/", list.Output);
    }

    [Fact]
    public async Task AnUnknownJobIsRefusedWithTheServersMessage()
    {
        var (exitCode, printed) = await CliProcess.RunAsync(["--server", _api.Url, "jobs", "status", "no-such-job"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Job not found: There is no job with id 'no-such-job'.", printed);
    }

    [Fact]
    public async Task AWorkbookComesBackAsAWorkbookWithTheSameCellsAndTheServersWarningIsPrinted()
    {
        var input = Path.Combine(_directory, "leads.xlsx");
        await File.WriteAllBytesAsync(input, new TestWorkbook()
            .TextSheet("Leads", LeadFiles.Header.Split(','), ["Zoë", "Müller", "CTO", "Acme", "acme.example"], ["Bo", "Li", "CEO", "Initech", "initech.example"])
            .TextSheet("Archive", ["old"])
            .ToBytes());

        // No --output: as in the embedded mode, a workbook's result is a workbook next to it.
        var (exitCode, printed) = await CliProcess.RunAsync(["--server", _api.Url, input]);

        Assert.True(exitCode == 0, printed + _api.ApiLog);
        Assert.Contains("Done: 2 rows, 2 ok, 0 failed", printed);
        Assert.Contains("Note: The workbook has 2 sheets ('Leads', 'Archive'); the first, 'Leads', was read. Send sheet=NAME to read another.",
            Regex.Replace(printed, @"\s+", " "));
        var (headers, rows) = await ReadWorkbookAsync(Path.Combine(_directory, "leads.personalized.xlsx"));
        Assert.Equal([.. LeadFiles.Header.Split(','), "personalized_line", "personalization_status", "personalization_error"], headers);
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Zoë", "Müller", "CTO", "Acme", "acme.example"], rows[0].Take(5));
        Assert.Equal(["Bo", "Li", "CEO", "Initech", "initech.example"], rows[1].Take(5));
        Assert.StartsWith("Hi Zoë", rows[0][5]);
        Assert.Equal(["ok", "ok"], rows.Select(row => row[6]));

        // jobs download picks the format from the output name too.
        var again = Path.Combine(_directory, "again.xlsx");
        var download = await CliProcess.RunAsync(["--server", _api.Url, "jobs", "download", JobId(printed), "--output", again]);
        Assert.True(download.ExitCode == 0, download.Output);
        var (againHeaders, againRows) = await ReadWorkbookAsync(again);
        Assert.Equal(headers, againHeaders);
        Assert.Equal(rows, againRows);
    }

    [Fact]
    public async Task TheSheetOptionPicksAWorkbooksSheetAndACsvOutputIsWrittenAsCsv()
    {
        var input = Path.Combine(_directory, "book.xlsx");
        var output = Path.Combine(_directory, "book.csv");
        await File.WriteAllBytesAsync(input, new TestWorkbook()
            .TextSheet("Archive", ["old"], ["x"])
            .TextSheet("Q3 leads", LeadFiles.Header.Split(','), ["Ada", "Byron", "CTO", "Analytical", "analytical.example"])
            .ToBytes());

        var (exitCode, printed) = await CliProcess.RunAsync(["--server", _api.Url, input, "--sheet", "Q3 leads", "--output", output]);

        Assert.True(exitCode == 0, printed + _api.ApiLog);
        Assert.Contains("Done: 1 rows, 1 ok, 0 failed", printed);
        var csv = await File.ReadAllTextAsync(output);
        Assert.StartsWith(LeadFiles.Header + ",personalized_line,personalization_status,personalization_error", csv);
        Assert.Contains("Ada,Byron,CTO,Analytical,analytical.example,", csv);
        Assert.DoesNotContain("old", csv);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>A workbook's header and rows, read back with the server's own reader (so the file is a real .xlsx).</summary>
    private static async Task<(IReadOnlyList<string> Headers, List<IReadOnlyList<string>> Rows)> ReadWorkbookAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
        await using var reader = await LeadFileReader.OpenAsync(new MemoryStream(bytes), CsvReadLimits.Default, null, CancellationToken.None);
        var rows = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadRowsAsync(CancellationToken.None))
        {
            rows.Add(row.Cells.ToList());
        }

        return (reader.Headers, rows);
    }

    private static string JobId(string printed)
    {
        var match = SubmittedJob().Match(printed);
        Assert.True(match.Success, "No job id in the CLI's output:\n" + printed);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"Job ([0-9a-f]+) submitted")]
    private static partial Regex SubmittedJob();
}
