using System.Diagnostics;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// What the README promises an operator: scripts/cluster up starts everything, a silo killed with kill -9 from its
/// PID file does not cost the job a row, scripts/cluster down stops exactly what was started, and a batch-mode job
/// outlives down and up while the provider works on its batch.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterScriptTests(EndToEndServers servers)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task ClusterUpSurvivesAKillFromThePidFileAndDownStopsEverything()
    {
        const int rows = 1500;
        servers.Emulator.Reset();
        servers.Emulator.Search.Latency = TimeSpan.FromMilliseconds(100);
        servers.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(250);
        var directory = Directory.CreateTempSubdirectory("personalizedline-script-").FullName;
        var apiPort = TestPorts.Pick();
        var environment = ScriptEnvironment(directory, apiPort);
        var pids = Path.Combine(directory, "pids");
        try
        {
            var up = await RunScriptAsync(environment, "up", "3");
            Assert.True(up.ExitCode == 0, up.Output);
            Assert.Contains($"API: http://127.0.0.1:{apiPort}", up.Output);
            var started = new[] { "redis", "postgres", "silo-1", "silo-2", "silo-3", "api" }
                .ToDictionary(name => name, name => int.Parse(File.ReadAllText(Path.Combine(pids, $"{name}.pid")).Trim()));

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            var job = new JobClient(http);
            await job.SubmitAsync(LeadFiles.Csv(rows));
            await job.WaitForProcessedAsync(rows / 5, Deadline);
            Process.GetProcessById(started["silo-2"]).Kill();

            await job.WaitForStatusAsync("completed", Deadline);
            var output = await job.DownloadAsync();
            Assert.Equal(rows, output.Rows.Count);
            Assert.All(Enumerable.Range(0, rows), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
            output.AssertAllOk();

            var down = await RunScriptAsync(environment, "down");
            Assert.True(down.ExitCode == 0, down.Output);
            Assert.Empty(Directory.GetFiles(pids, "*.pid"));
            Assert.All(started, process => Assert.False(IsAlive(process.Value), $"{process.Key} (pid {process.Value}) still runs after down"));
        }
        finally
        {
            await RunScriptAsync(environment, "down");
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ABatchJobSurvivesClusterDownAndUpWhileItsProviderBatchRuns()
    {
        const int rows = 200;
        servers.Emulator.Reset();
        // Long enough for down and up while the provider works; the batch keeps the time it was created with.
        servers.Emulator.Batches.ProcessingTime = TimeSpan.FromSeconds(60);
        var directory = Directory.CreateTempSubdirectory("personalizedline-script-").FullName;
        var apiPort = TestPorts.Pick();
        var environment = ScriptEnvironment(directory, apiPort);
        environment["Llm__BatchPollInterval"] = "00:00:02";
        environment["Processing__ResumeInterval"] = "00:00:05";
        try
        {
            var up = await RunScriptAsync(environment, "up", "2");
            Assert.True(up.ExitCode == 0, up.Output);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
            var job = new JobClient(http);
            await job.SubmitAsync(LeadFiles.Csv(rows), ("mode", "batch"), ("rowsPerRequest", "20"));
            await Eventually.ReturnsAsync(job.ProgressAsync, p => p is { } j
                    && j.GetProperty("providerBatch").ValueKind == System.Text.Json.JsonValueKind.Object
                    && j.GetProperty("providerBatch").GetProperty("batches").EnumerateArray().Any(b => b.GetProperty("status").GetString() == "in_progress"),
                Deadline, "the provider batch to be in progress");

            var down = await RunScriptAsync(environment, "down");
            Assert.True(down.ExitCode == 0, down.Output);
            up = await RunScriptAsync(environment, "up", "2");
            Assert.True(up.ExitCode == 0, up.Output);

            var final = await job.WaitForStatusAsync("completed", Deadline);
            var output = await job.DownloadAsync();
            EmulatedLines.AssertEveryRowHasItsOwnLine(output, rows);
            Assert.Equal(1, servers.Emulator.Batches.FilesUploaded);
            Assert.Equal(1, servers.Emulator.Batches.BatchesCreated);
            Assert.Equal(0, servers.Emulator.Llm.TotalRequests);
            Assert.Equal(rows / 20, final.GetProperty("usage").GetProperty("batchRequests").GetInt64());
        }
        finally
        {
            await RunScriptAsync(environment, "down");
            Directory.Delete(directory, recursive: true);
        }
    }

    private Dictionary<string, string> ScriptEnvironment(string directory, int apiPort) => new()
    {
        ["CLUSTER_DIR"] = directory,
        ["REDIS_PORT"] = TestPorts.Pick().ToString(),
        ["PG_PORT"] = TestPorts.Pick().ToString(),
        ["API_PORT"] = apiPort.ToString(),
        ["SILO_PORT_BASE"] = TestPorts.PickBlock(10).ToString(),
        ["GATEWAY_PORT_BASE"] = TestPorts.PickBlock(10).ToString(),
        ["HTTP_PORT_BASE"] = TestPorts.PickBlock(10).ToString(),
        ["Research__BaseUrl"] = servers.Emulator.SearchBaseUrl.ToString(),
        ["Research__ApiKey"] = "script-search-key",
        ["Llm__BaseUrl"] = servers.Emulator.LlmBaseUrl.ToString(),
        ["Llm__ApiKey"] = "script-llm-key",
        ["Processing__MaxConcurrentRowsPerSilo"] = "10",
        ["Processing__PendingRowRetryInterval"] = "00:00:03",
    };

    /// <summary>Running, not merely waiting to be reaped: a daemon that exited may linger as a zombie of its reaper.</summary>
    private static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadLines(status).Any(line => line.StartsWith("State:", StringComparison.Ordinal) && line.Contains('Z'));
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(RepositoryFiles.PathOf("scripts/cluster"), args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
