using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Observability;

/// <summary>
/// /metrics on the API with its embedded silo, after a job: the row, provider, state and transfer instruments move by
/// what the job did. Instruments are process-wide and other tests run jobs at the same time, so row and provider
/// figures are read for this host's silo only, and compared as differences.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsApiTests(ApiFixture api)
{
    private const int Rows = 24;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AJobMovesTheRowProviderStateAndTransferInstruments()
    {
        var silo = ("silo", api.Services.GetRequiredService<ILocalSiloDetails>().Name);
        var calls = new JobsApiCalls(api.Http, Deadline);
        var before = await MetricsScrape.GetAsync(api.Http);

        // Companies of their own, so the research cache of earlier tests serves none of them.
        var run = Guid.NewGuid().ToString("N")[..8];
        var csv = LeadFiles.Csv(Rows, i => $"Metrics{run}Co{i}");
        var id = await calls.SubmitAsync(csv);
        var job = await calls.WaitForStatusAsync(id, "completed");
        var succeeded = job.GetProperty("succeededRows").GetInt64();
        Assert.Equal(Rows, succeeded);
        using var download = await api.Http.GetAsync($"/jobs/{id}/result");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var downloaded = (await download.Content.ReadAsByteArrayAsync()).Length;

        var after = await MetricsScrape.GetAsync(api.Http);
        double Delta(string name, params (string, string)[] labels) => after.Sum(name, labels) - before.Sum(name, labels);

        Assert.Equal(Rows, Delta("personalizedline_rows_started_total", silo));
        Assert.Equal(succeeded, Delta("personalizedline_rows_succeeded_total", silo));
        Assert.Equal(0, Delta("personalizedline_rows_failed_total", silo));
        Assert.Equal(Rows, Delta("personalizedline_row_duration_seconds_count", silo, ("outcome", "succeeded")));
        Assert.True(Delta("personalizedline_row_duration_seconds_sum", silo) > 0);

        // One search and one chat completion per row at least (a retry would add attempts, never remove one).
        Assert.InRange(Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "research"), ("status_class", "2xx")), Rows, Rows * 2);
        Assert.InRange(Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "llm"), ("status_class", "2xx")), Rows, Rows * 2);
        Assert.True(after.Has("personalizedline_rows_in_flight", silo));
        Assert.True(after.Has("personalizedline_rows_waiting", silo));

        // Written by chunks and the job of this test and others: at least this job's own.
        Assert.True(Delta("personalizedline_state_writes_total", ("kind", "chunk"), ("outcome", "ok")) >= 1);
        Assert.True(Delta("personalizedline_state_writes_total", ("kind", "job"), ("outcome", "ok")) >= 2);
        Assert.True(Delta("personalizedline_upload_bytes_total") >= System.Text.Encoding.UTF8.GetByteCount(csv));
        Assert.True(Delta("personalizedline_download_bytes_total") >= downloaded);

        // Orleans' own meter and the runtime's come through the same endpoint.
        Assert.Contains(after.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(after.Names, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
    }
}
