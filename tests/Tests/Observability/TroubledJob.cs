using System.Net;
using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Observability;

/// <summary>
/// A job through the API with a bit of everything an operator watches: a row whose LLM calls fail (HTTP 500), a row
/// whose line is empty, and a 429 from the search provider; /metrics read before and after it, and its result
/// downloaded.
/// </summary>
public sealed record TroubledJob(JsonElement Job, PrometheusText Before, PrometheusText After, int UploadedBytes, int DownloadedBytes)
{
    public const int Rows = 24;
    public const int FailingRow = 3;
    public const int EmptyLineRow = 5;

    public double Delta(string name, params (string Key, string Value)[] labels) => After.Sum(name, labels) - Before.Sum(name, labels);

    public static async Task<TroubledJob> RunAsync(ApiHostFixture api, TimeSpan deadline)
    {
        // Companies of their own, so neither the research cache nor other tests' fault rules touch them.
        var run = Guid.NewGuid().ToString("N")[..8];
        var failing = $"Failing{run}";
        var empty = $"Empty{run}";
        api.Emulator.Llm.FaultWhen(body =>
            body.Contains(failing, StringComparison.Ordinal) ? Fault.Status(500)
            : body.Contains(empty, StringComparison.Ordinal) ? Fault.EmptyContent()
            : null);
        api.Emulator.Search.EnqueueFaults(Fault.RateLimited());
        try
        {
            var calls = new JobsApiCalls(api.Http, deadline);
            var before = await MetricsScrape.GetAsync(api.Http);
            var csv = LeadFiles.Csv(Rows, i => i switch
            {
                FailingRow => $"{failing}Co{i}",
                EmptyLineRow => $"{empty}Co{i}",
                _ => $"Metrics{run}Co{i}",
            });
            var id = await calls.SubmitAsync(csv);
            var job = await calls.WaitForStatusAsync(id, "completed");
            using var download = await api.Http.GetAsync($"/jobs/{id}/result");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var downloaded = (await download.Content.ReadAsByteArrayAsync()).Length;
            var after = await MetricsScrape.GetAsync(api.Http);
            return new TroubledJob(job, before, after, System.Text.Encoding.UTF8.GetByteCount(csv), downloaded);
        }
        finally
        {
            api.Emulator.Llm.FaultWhen(null);
            api.Emulator.Search.ClearFaults();
        }
    }
}
