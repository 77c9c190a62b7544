using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// How a job treated the providers' limits, measured from the provider's side (the emulator's
/// <see cref="QuotaReport"/>), with the pace the product's limiter ended at.
/// </summary>
public static class LimitReport
{
    /// <summary>The issue's acceptance: at least this share of the limit held…</summary>
    private const double HeldTarget = 0.90;

    /// <summary>…with at most this share of requests answered 429, and no failed row.</summary>
    private const double RateLimitedTarget = 0.02;

    public static async Task PrintAsync(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator, JobOutcome progress, IServiceProvider services)
    {
        var search = QuotaReport.Of(emulator.Search);
        var llm = QuotaReport.Of(emulator.Llm);
        var rows = (double)settings.Rows;
        Console.WriteLine($"rows per silo        {progress.RowsBySiloText}");
        Console.WriteLine($"quota (emulator)     {Quota(settings)}");
        Console.WriteLine($"limits (product)     {Configured(settings)}");
        Console.WriteLine($"search               {Describe(search, settings.QuotaWindow)}");
        Console.WriteLine($"LLM                  {Describe(llm, settings.QuotaWindow)}");
        var origin = new[] { emulator.Search.AdmittedLog, emulator.Llm.AdmittedLog }.Where(log => log.Count > 0).Select(log => log[0].SinceStart).DefaultIfEmpty().Min();
        var bucket = settings.QuotaWindow / 6;
        Console.WriteLine($"{$"admitted per {bucket.TotalSeconds:0.#} s",-21}search {Timeline(emulator.Search, origin, bucket)}");
        Console.WriteLine($"                     LLM    {Timeline(emulator.Llm, origin, bucket)}");
        Console.WriteLine($"failed rows          {progress.FailedRows:N0}");
        Console.WriteLine($"calls per row        search {emulator.Search.TotalRequests / rows:N2}, LLM {emulator.Llm.TotalRequests / rows:N2} (requests received ÷ rows, 429s and retries included)");

        var limiters = services.GetRequiredService<ProviderLimiters>();
        var grains = services.GetRequiredService<IGrainFactory>();
        var searchPace = await grains.GetGrain<IProviderLimitGrain>(limiters.ResearchSettings().Key).GetStatus();
        var llmPace = await grains.GetGrain<IProviderLimitGrain>(limiters.LlmSettings(null).Key).GetStatus();
        Console.WriteLine($"product's pace       search {Pace(searchPace)}; LLM {Pace(llmPace)} (at the end)");

        var held = LimitsHeld(search) && LimitsHeld(llm);
        var few429s = search.RateLimitedShare <= RateLimitedTarget && llm.RateLimitedShare <= RateLimitedTarget;
        var met = held && few429s && progress.FailedRows == 0;
        Console.WriteLine($"target               ≥ {HeldTarget:P0} of each limit held, ≤ {RateLimitedTarget:P0} 429s, no failed row: {(met ? "met" : "NOT met")}");
    }

    private static bool LimitsHeld(QuotaReport report) =>
        (report.HeldRequestShare ?? 1) >= HeldTarget && (report.HeldTokenShare ?? 1) >= HeldTarget;

    private static string Describe(QuotaReport report, TimeSpan window)
    {
        var parts = new List<string>();
        if (report.HeldRequestShare is { } requests)
        {
            parts.Add($"held {requests:P1} of the request limit");
        }

        if (report.HeldTokenShare is { } tokens)
        {
            parts.Add($"held {tokens:P1} of the token limit");
        }

        parts.Add($"429s {report.RateLimitedShare:P1} ({report.RateLimited:N0} of {report.Requests:N0} requests)");
        parts.Add($"{report.Admitted:N0} admitted in {report.BusyPeriod.TotalSeconds:N1} s");
        var shares = string.Join(", ", parts);
        // Within one window a client may take the whole quota at once: a share held over less says nothing about pacing.
        return report.BusyPeriod < window && (report.HeldRequestShare ?? report.HeldTokenShare) is not null
            ? shares + " (shorter than one window: the held share says nothing about pacing)"
            : shares;
    }

    /// <summary>Admitted requests per bucket from the job's first admitted request: bursts and pauses show here.</summary>
    private static string Timeline(EndpointBehavior endpoint, TimeSpan origin, TimeSpan bucket)
    {
        var log = endpoint.AdmittedLog;
        if (log.Count == 0)
        {
            return "none";
        }

        var counts = new int[(int)((log[^1].SinceStart - origin) / bucket) + 1];
        foreach (var request in log)
        {
            counts[(int)((request.SinceStart - origin) / bucket)]++;
        }

        return string.Join(' ', counts);
    }

    private static string Quota(BenchmarkSettings settings)
    {
        var window = $"{settings.QuotaWindowSeconds} s";
        var requests = settings.QuotaRequestsPerWindow is { } r ? $"{r:N0} requests per {window} on each endpoint" : "requests unlimited";
        var tokens = settings.QuotaTokensPerWindow is { } t ? $"{t:N0} LLM tokens per {window}" : "tokens unlimited";
        return $"{requests}, {tokens} (sliding window, per key)";
    }

    private static string Configured(BenchmarkSettings settings)
    {
        static string Value(int perMinute, string unit) => perMinute > 0 ? $"{perMinute:N0} {unit}/min" : $"{unit} not configured";
        return $"research {Value(settings.ResearchRequestsPerMinute, "requests")}, LLM {Value(settings.LlmRequestsPerMinute, "requests")}, "
            + $"LLM {Value(settings.LlmTokensPerMinute, "tokens")}";
    }

    private static string Pace(ProviderLimitStatus status) =>
        !status.Limited
            ? $"unlimited, {status.GrantedRequests:N0} granted"
            : $"{status.RequestsPerSecond * 60:N0} requests/min" + (status.TokensPerSecond > 0 ? $", {status.TokensPerSecond * 60:N0} tokens/min" : string.Empty)
                + $", {status.GrantedRequests:N0} granted, {status.RateLimitedAnswers:N0} 429s reported";
}
