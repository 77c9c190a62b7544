using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Tests.Api;

namespace PersonalizedLine.Tests.Observability;

/// <summary>
/// /metrics on the API with its embedded silo, after a job: the row, provider, state and transfer instruments move by
/// what the job did. Instruments are process-wide and other tests run jobs at the same time, so row and provider
/// figures are read for this host's silo only, and compared as differences.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsApiTests(ApiFixture api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AJobMovesTheRowProviderStateAndTransferInstruments()
    {
        var silo = ("silo", api.Services.GetRequiredService<ILocalSiloDetails>().Name);
        var run = await TroubledJob.RunAsync(api, Deadline);
        var succeeded = run.Job.GetProperty("succeededRows").GetInt64();
        Assert.Equal(TroubledJob.Rows - 2, succeeded);
        Assert.Equal(2, run.Job.GetProperty("failedRows").GetInt64());

        Assert.Equal(TroubledJob.Rows, run.Delta("personalizedline_rows_started_total", silo));
        Assert.Equal(succeeded, run.Delta("personalizedline_rows_succeeded_total", silo));
        Assert.Equal(1, run.Delta("personalizedline_rows_failed_total", silo, ("reason", "provider_error")));
        Assert.Equal(1, run.Delta("personalizedline_rows_failed_total", silo, ("reason", "invalid_line")));
        Assert.Equal(2, run.Delta("personalizedline_rows_failed_total", silo));
        Assert.Equal(succeeded, run.Delta("personalizedline_row_duration_seconds_count", silo, ("outcome", "succeeded")));
        Assert.Equal(2, run.Delta("personalizedline_row_duration_seconds_count", silo, ("outcome", "failed")));
        Assert.True(run.Delta("personalizedline_row_duration_seconds_sum", silo) > 0);

        // A search and a chat completion per row at least; the failing row's three attempts answered 500; one 429.
        Assert.InRange(run.Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "research"), ("status_class", "2xx")),
            TroubledJob.Rows, TroubledJob.Rows * 2);
        Assert.InRange(run.Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "llm"), ("status_class", "2xx")),
            TroubledJob.Rows - 1, TroubledJob.Rows * 2);
        Assert.Equal(3, run.Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "llm"), ("status_class", "5xx")));
        Assert.Equal(1, run.Delta("personalizedline_provider_request_duration_seconds_count", silo, ("provider", "research"), ("status_class", "429")));
        Assert.Equal(1, run.Delta("personalizedline_provider_rate_limited_total", silo, ("provider", "research")));
        Assert.True(run.After.Has("personalizedline_rows_in_flight", silo));
        Assert.True(run.After.Has("personalizedline_rows_waiting", silo));

        // Chunks and jobs of this test and others write state: at least this job's own writes are in.
        Assert.True(run.Delta("personalizedline_state_writes_total", ("kind", "chunk"), ("outcome", "ok")) >= 1);
        Assert.True(run.Delta("personalizedline_state_writes_total", ("kind", "job"), ("outcome", "ok")) >= 2);
        Assert.True(run.Delta("personalizedline_upload_bytes_total") >= run.UploadedBytes);
        Assert.True(run.Delta("personalizedline_download_bytes_total") >= run.DownloadedBytes);

        // Orleans' own meter and the runtime's come through the same endpoint.
        Assert.Contains(run.After.Names, name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(run.After.Names, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
    }
}
