using System.Diagnostics.Metrics;
using System.Net;
using Polly.Timeout;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Telemetry;
using Refit;

namespace PersonalizedLine.Tests.Observability;

/// <summary>The parts of the instruments a job through the API does not reach: failed writes and failure reasons.</summary>
public sealed class InstrumentTests
{
    [Fact]
    public async Task AFailedStateWriteIsCountedAsFailedAndItsExceptionComesThroughUnchanged()
    {
        // A kind of this test's own: instruments are process-wide, and other tests write state meanwhile.
        var kind = "test-" + Guid.NewGuid().ToString("N");
        var outcomes = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ProductTelemetry.Name && instrument.Name == "personalizedline.state.writes")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value as string);
            if (values.GetValueOrDefault("kind") == kind)
            {
                lock (outcomes)
                {
                    outcomes.Add(values["outcome"]!);
                }
            }
        });
        listener.Start();

        var failure = new InvalidOperationException("storage refused");
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => StateWriteMetrics.Track(kind, Task.FromException(failure)));
        await StateWriteMetrics.Track(kind, Task.CompletedTask);

        Assert.Same(failure, thrown);
        Assert.Equal(["failed", "ok"], outcomes);
    }

    public static TheoryData<Exception, string> Failures => new()
    {
        { new TimeoutRejectedException("cut", TimeSpan.FromSeconds(1)), RowFailureReason.Timeout },
        { ApiError(HttpStatusCode.TooManyRequests), RowFailureReason.RateLimited },
        { ApiError(HttpStatusCode.GatewayTimeout), RowFailureReason.Timeout },
        { ApiError(HttpStatusCode.InternalServerError), RowFailureReason.ProviderError },
        { new HttpRequestException("connection refused"), RowFailureReason.ProviderError },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AProviderFailureIsCountedUnderItsReason(Exception cause, string reason) =>
        Assert.Equal(reason, ProviderCallReason.Of(new ProviderCallException("failed", new AggregateException(cause))));

    private static ApiException ApiError(HttpStatusCode status) =>
        ApiException.Create(
            new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/x"), HttpMethod.Post,
            new HttpResponseMessage(status) { Content = new StringContent("{}") }, new RefitSettings()).GetAwaiter().GetResult();
}
