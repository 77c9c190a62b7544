using PersonalizedLine.Tests.Support;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// Batch mode on real processes: every silo is stopped while the provider batch runs and started again; the job
/// completes from the batch id it persisted, with no second upload and no second batch.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BatchModeEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);
    private readonly EndToEndServers _servers;
    private readonly ITestOutputHelper _output;

    public BatchModeEndToEndTests(EndToEndServers servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
        servers.Emulator.Reset();
    }

    [Fact]
    public async Task A_batch_job_survives_every_silo_stopping_while_its_provider_batch_runs()
    {
        const int rows = 300;
        // Long enough to stop and start every silo while the provider works; the batch keeps the time it was made with.
        _servers.Emulator.Batches.ProcessingTime = TimeSpan.FromSeconds(40);
        await using var cluster = await RealCluster.StartAsync("batch", 2, _servers.Redis, _servers.Postgres, _servers.Emulator,
            new Dictionary<string, string> { ["Llm__BatchPollInterval"] = "00:00:02" });
        var job = new JobClient(cluster.Http);
        await job.SubmitAsync(LeadFiles.Csv(rows), ("mode", "batch"), ("rowsPerRequest", "10"));

        await Eventually.ReturnsAsync(job.ProgressAsync, p => p is { } j
                && j.GetProperty("providerBatch").ValueKind == System.Text.Json.JsonValueKind.Object
                && j.GetProperty("providerBatch").GetProperty("batches").EnumerateArray().Any(b => b.GetProperty("status").GetString() == "in_progress"),
            Deadline, "the provider batch to be in progress");
        Assert.Equal(1, _servers.Emulator.Batches.FilesUploaded);

        await Task.WhenAll(cluster.Silos.Select(silo => silo.StopAsync(TimeSpan.FromSeconds(60))));
        _output.WriteLine("every silo stopped (SIGTERM) while the provider batch was in progress");
        for (var i = 0; i < cluster.Silos.Count; i++)
        {
            await cluster.RestartSiloAsync(i);
        }

        System.Text.Json.JsonElement final;
        try
        {
            final = await job.WaitForStatusAsync("completed", Deadline);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{cluster.Logs()}", ex);
        }

        var output = await job.DownloadAsync();
        Assert.Equal(rows, output.Rows.Count);
        for (var i = 0; i < rows; i++)
        {
            Assert.Equal(EmulatedLines.For($"Lead{i}", output.Cell(i, "company")), output.Cell(i, "personalized_line"));
        }

        Assert.Equal(1, _servers.Emulator.Batches.FilesUploaded);
        Assert.Equal(1, _servers.Emulator.Batches.BatchesCreated);
        Assert.Equal(0, _servers.Emulator.Llm.TotalRequests);
        Assert.Equal(rows, final.GetProperty("succeededRows").GetInt64());
        Assert.Equal(rows / 10, final.GetProperty("usage").GetProperty("batchRequests").GetInt64());
        Assert.Equal("batch", final.GetProperty("mode").GetString());
    }
}
