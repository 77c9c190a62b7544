using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace PersonalizedLine.Client.Sdk;

/// <summary>
/// The client's resilience: reads (GET) are retried on transient failures (connection errors, timeouts, 408, 429 with
/// its Retry-After, 5xx) and time out per attempt. Writes are sent once: an upload's stream cannot be replayed, and a
/// POST that reached the server may have started a job already; their caller's token bounds them instead.
/// </summary>
public static class ClientResilience
{
    public const string PipelineName = "personalizedline-client";

    /// <summary>A read waits this long for the answer's headers (a download then streams without a limit).</summary>
    public static readonly TimeSpan ReadAttemptTimeout = TimeSpan.FromSeconds(30);

    public const int ReadRetries = 3;

    public static IHttpClientBuilder AddPersonalizedLineResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, pipeline =>
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = ReadRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                ShouldHandle = args => ValueTask.FromResult(IsRead(args.Context) && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            });
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(IsRead(args.Context) ? ReadAttemptTimeout : Timeout.InfiniteTimeSpan),
            });
        });
        return builder;
    }

    private static bool IsRead(ResilienceContext context) => context.GetRequestMessage()?.Method == HttpMethod.Get;
}
