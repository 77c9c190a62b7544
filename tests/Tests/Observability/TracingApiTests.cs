using System.Diagnostics;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Observability;

/// <summary>
/// A job's trace runs from the API request through its submission into the grains; each sampled row has a trace of
/// its own, linked to the job's, with its provider calls as children — and no lead data on any span.
/// </summary>
[Collection(TracingApiCollection.Name)]
public sealed class TracingApiTests(TracingApiFixture api)
{
    private const int Rows = 6;
    private const string RowSpan = "PersonalizedLine.Row";
    private const string SubmitSpan = "PersonalizedLine.SubmitJob";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASampledRowIsLinkedToItsJobAndItsProviderCallsAreItsChildren()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var calls = new JobsApiCalls(api.Http, Deadline);
        var id = await calls.SubmitAsync(LeadFiles.Csv(Rows, i => $"Trace{run}Co{i}"));
        await calls.WaitForStatusAsync(id, "completed");

        var spans = await Eventually.ReturnsAsync(
            () => Task.FromResult(api.Spans.Snapshot()),
            all => all.Count(span => span.OperationName == RowSpan && JobOf(span)?.EndsWith(id, StringComparison.Ordinal) == true) == Rows,
            Deadline,
            $"{Rows} row spans of job {id}");
        var submit = Assert.Single(spans, span => span.OperationName == SubmitSpan && JobOf(span)?.EndsWith(id, StringComparison.Ordinal) == true);
        var rows = spans.Where(span => span.OperationName == RowSpan && JobOf(span) == JobOf(submit)).ToList();

        // API request → submission → grain calls, one trace.
        Assert.Contains(spans, span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore" && span.SpanId == submit.ParentSpanId);
        Assert.Contains(spans, span => span.Source.Name == "Microsoft.Orleans.Application" && span.TraceId == submit.TraceId);
        // …but not the per-row grain calls, which would put every row of a file into the job's trace.
        Assert.DoesNotContain(spans, span => span.TraceId == submit.TraceId && span.OperationName.Contains("IRowRunnerGrain/", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.TraceId == submit.TraceId && span.OperationName.Contains("IChunkGrain/", StringComparison.Ordinal));

        Assert.Equal(Enumerable.Range(0, Rows).Select(row => (long)row), rows.Select(span => (long)span.GetTagItem("job.row")!).Order());
        foreach (var row in rows)
        {
            // A trace of its own, linked to the job's.
            Assert.NotEqual(submit.TraceId, row.TraceId);
            Assert.Contains(row.Links, link => link.Context.TraceId == submit.TraceId);
            Assert.Equal("succeeded", row.GetTagItem("outcome"));

            // Its chat completion directly under it; its search under the research cache shard's call, in its trace.
            var http = spans.Where(span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http" && span.TraceId == row.TraceId).ToList();
            Assert.True(http.Count >= 2, $"row {row.GetTagItem("job.row")} has {http.Count} provider calls in its trace");
            Assert.Contains(http, span => span.ParentSpanId == row.SpanId);
            Assert.Contains(spans, span => span.TraceId == row.TraceId && span.Source.Name == "Microsoft.Orleans.Application"
                && span.OperationName.Contains("IResearchCacheShardGrain", StringComparison.Ordinal));
        }

        // Job id, chunk and row number only: no names, companies or e-mail addresses of leads on any span of the job.
        var traces = rows.Select(span => span.TraceId).Append(submit.TraceId).ToHashSet();
        var leaked = spans.Where(span => traces.Contains(span.TraceId))
            .SelectMany(span => span.TagObjects.Select(tag => $"{span.OperationName} {tag.Key}={tag.Value}"))
            .Where(tag => tag.Contains(run, StringComparison.Ordinal) || tag.Contains("Surname", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leaked);
    }

    private static string? JobOf(Activity span) => span.GetTagItem("job.id") as string;
}
