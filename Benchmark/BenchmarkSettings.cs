using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>Benchmark parameters from the command line.</summary>
public sealed record BenchmarkSettings
{
    public const string Usage =
        "Usage: dotnet run -c Release --project Benchmark -- [--host api|in-process|cluster] [--api-dir DIR] [--rows 10000] [--research-ms 1000] [--llm-ms 2000] [--in-flight 1000] [--chunk-size 100] [--warmup-rows 2000 × silos]"
        + " [--research-jitter-ms 0] [--llm-jitter-ms 0] [--silos 1]"
        + " [--quota-rpm 0] [--quota-tpm 0] [--quota-window 60] [--research-rpm 0] [--llm-rpm 0] [--llm-tpm 0]"
        + " [--llm-quota-rpm 0] [--rows-per-request 1] [--batch 0]."
        + " A provider limit scenario (any --quota-* or product limit given) warms up with 0 rows unless --warmup-rows says otherwise."
        + " --host api (the default with one silo and no provider limit) runs the API as its own process, as users run it;"
        + " --host in-process (the default otherwise) hosts the silos in the benchmark's process, beside the emulator;"
        + " --host cluster --silos N starts a local cluster with scripts/cluster up N (N silo processes, the API, Redis and PostgreSQL).";

    private const string HostOption = "--host";

    private const string ApiDirectoryOption = "--api-dir";

    /// <summary>
    /// Warm-up rows of the throughput scenarios, per silo: every silo warms up as one silo alone does (its JIT, its
    /// connections, two waves of its slots), so N silos are compared with one on equal terms. At a provider limit the
    /// limit sets the pace, not the JIT.
    /// </summary>
    private const int DefaultWarmupRowsPerSilo = 2_000;

    private static readonly Dictionary<string, Func<BenchmarkSettings, int, BenchmarkSettings>> Setters = new()
    {
        ["--rows"] = (s, v) => s with { Rows = v },
        ["--research-ms"] = (s, v) => s with { ResearchLatencyMs = v },
        ["--llm-ms"] = (s, v) => s with { LlmLatencyMs = v },
        ["--research-jitter-ms"] = (s, v) => s with { ResearchJitterMs = v },
        ["--llm-jitter-ms"] = (s, v) => s with { LlmJitterMs = v },
        ["--in-flight"] = (s, v) => s with { RowsInFlight = v },
        ["--chunk-size"] = (s, v) => s with { ChunkSize = v },
        ["--warmup-rows"] = (s, v) => s with { WarmupRows = v },
        ["--silos"] = (s, v) => s with { Silos = v },
        ["--quota-rpm"] = (s, v) => s with { QuotaRequestsPerMinute = v },
        ["--quota-tpm"] = (s, v) => s with { QuotaTokensPerMinute = v },
        ["--quota-window"] = (s, v) => s with { QuotaWindowSeconds = v },
        ["--research-rpm"] = (s, v) => s with { ResearchRequestsPerMinute = v },
        ["--llm-rpm"] = (s, v) => s with { LlmRequestsPerMinute = v },
        ["--llm-tpm"] = (s, v) => s with { LlmTokensPerMinute = v },
        ["--llm-quota-rpm"] = (s, v) => s with { LlmQuotaRequestsPerMinute = v },
        ["--rows-per-request"] = (s, v) => s with { RowsPerRequest = v },
        ["--batch"] = (s, v) => s with { Batch = v != 0 },
    };

    /// <summary>Where the product runs; <see cref="Parse"/> picks it when <c>--host</c> is not given.</summary>
    public BenchmarkHostKind Host { get; init; }

    /// <summary>
    /// With <c>--host api</c>: the directory holding <c>PersonalizedLine.Client.Api.dll</c> (a published build, e.g. one
    /// compiled ahead of time with ReadyToRun); the benchmark's own output directory when not given.
    /// </summary>
    public string? ApiDirectory { get; init; }

    public int Rows { get; init; } = 10_000;

    public int ResearchLatencyMs { get; init; } = 1_000;

    public int LlmLatencyMs { get; init; } = 2_000;

    /// <summary>Up to this much random extra latency per search answer (uniform), so answers do not all land at once.</summary>
    public int ResearchJitterMs { get; init; }

    public int LlmJitterMs { get; init; }

    /// <summary>Rows in flight per silo (<c>Processing__MaxConcurrentRowsPerSilo</c>).</summary>
    public int RowsInFlight { get; init; } = 1_000;

    public int ChunkSize { get; init; } = 100;

    public int WarmupRows { get; init; } = DefaultWarmupRowsPerSilo;

    /// <summary>Silos of one cluster: hosted in this process, or processes of their own with <c>--host cluster</c>.</summary>
    public int Silos { get; init; } = 1;

    /// <summary>Requests the emulator admits per minute on each endpoint, per key (0: no quota).</summary>
    public int QuotaRequestsPerMinute { get; init; }

    /// <summary>Tokens (prompt + max_tokens) the emulator admits per minute on the LLM endpoint (0: no quota).</summary>
    public int QuotaTokensPerMinute { get; init; }

    /// <summary>The emulator's sliding window; the per-minute quotas are scaled to it.</summary>
    public int QuotaWindowSeconds { get; init; } = 60;

    /// <summary>Limits handed to the product (<c>Research__RequestsPerMinute</c> and so on); 0: not configured, it learns.</summary>
    public int ResearchRequestsPerMinute { get; init; }

    public int LlmRequestsPerMinute { get; init; }

    public int LlmTokensPerMinute { get; init; }

    /// <summary>Requests the emulator admits per minute on the LLM endpoint only, per key (0: as <see cref="QuotaRequestsPerMinute"/>).</summary>
    public int LlmQuotaRequestsPerMinute { get; init; }

    /// <summary>Rows sharing one LLM request (the job's <c>rowsPerRequest</c>).</summary>
    public int RowsPerRequest { get; init; } = 1;

    /// <summary>The job runs in batch mode: its LLM work goes through the emulator's Batch API.</summary>
    public bool Batch { get; init; }

    /// <summary>Whether this is a provider limit scenario: the extra report is printed only then.</summary>
    public bool AtProviderLimit =>
        QuotaRequestsPerMinute > 0 || QuotaTokensPerMinute > 0 || LlmQuotaRequestsPerMinute > 0 || ResearchRequestsPerMinute > 0 || LlmRequestsPerMinute > 0 || LlmTokensPerMinute > 0;

    public TimeSpan QuotaWindow => TimeSpan.FromSeconds(QuotaWindowSeconds);

    /// <summary>The emulator's requests per window: the per-minute quota scaled to the window.</summary>
    public int? QuotaRequestsPerWindow => QuotaRequestsPerMinute > 0 ? Scale(QuotaRequestsPerMinute) : null;

    /// <summary>The LLM endpoint's requests per window.</summary>
    public int? LlmQuotaRequestsPerWindow => LlmQuotaRequestsPerMinute > 0 ? Scale(LlmQuotaRequestsPerMinute) : QuotaRequestsPerWindow;

    public long? QuotaTokensPerWindow => QuotaTokensPerMinute > 0 ? Scale(QuotaTokensPerMinute) : null;

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, int>();
        BenchmarkHostKind? host = null;
        string? apiDirectory = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == ApiDirectoryOption && i + 1 < args.Count)
            {
                apiDirectory = Path.GetFullPath(args[++i]);
                if (!File.Exists(Path.Combine(apiDirectory, ApiProcess.Assembly)))
                {
                    throw new ArgumentException($"--api-dir: {apiDirectory} holds no {ApiProcess.Assembly}. {Usage}");
                }

                continue;
            }

            if (args[i] == HostOption && i + 1 < args.Count)
            {
                host = args[++i] switch
                {
                    "api" => BenchmarkHostKind.Api,
                    "in-process" => BenchmarkHostKind.InProcess,
                    "cluster" => BenchmarkHostKind.Cluster,
                    var other => throw new ArgumentException($"--host is 'api', 'in-process' or 'cluster', not '{other}'. {Usage}"),
                };
                continue;
            }

            if (!Setters.ContainsKey(args[i]) || i + 1 >= args.Count
                || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            }

            values[args[i]] = value;
            i++;
        }

        var settings = values.Aggregate(new BenchmarkSettings(), (current, option) => Setters[option.Key](current, option.Value));
        if (!values.ContainsKey("--warmup-rows"))
        {
            // A warm-up job at a limit would take minutes and leave the limiter's pace behind for the measured job.
            settings = settings with { WarmupRows = settings.AtProviderLimit ? 0 : DefaultWarmupRowsPerSilo * settings.Silos };
        }

        if (settings.Silos < 1 || settings.QuotaWindowSeconds < 1 || settings.RowsPerRequest is < 1 or > 50)
        {
            throw new ArgumentException($"--silos and --quota-window must be at least 1, --rows-per-request 1 to 50. {Usage}");
        }

        if (host == BenchmarkHostKind.Cluster)
        {
            ValidateCluster(settings, silosGiven: values.ContainsKey("--silos"), apiDirectory);
        }

        if ((host == BenchmarkHostKind.Api || apiDirectory is not null) && (settings.Silos > 1 || settings.AtProviderLimit || host == BenchmarkHostKind.InProcess))
        {
            // The limit report reads the product's limiter grains and the silos' row counts from inside the cluster.
            throw new ArgumentException($"--host api and --api-dir run one API process with its own silo; --silos and the provider limit scenarios need --host in-process, which takes no --api-dir (several silo processes: --host cluster --silos N). {Usage}");
        }

        var defaultHost = settings.Silos == 1 && !settings.AtProviderLimit ? BenchmarkHostKind.Api : BenchmarkHostKind.InProcess;
        return settings with { Host = host ?? defaultHost, ApiDirectory = apiDirectory };
    }

    /// <summary>The options <c>--host cluster</c> cannot take, each refused with what to do instead.</summary>
    private static void ValidateCluster(BenchmarkSettings settings, bool silosGiven, string? apiDirectory)
    {
        if (!silosGiven)
        {
            throw new ArgumentException($"--host cluster needs --silos N: how many silo processes scripts/cluster up starts (e.g. --silos 3, or --silos 1 to compare). {Usage}");
        }

        if (apiDirectory is not null)
        {
            throw new ArgumentException($"--api-dir goes with --host api only: --host cluster runs the repository's Release build, which scripts/cluster builds. {Usage}");
        }

        if (settings.AtProviderLimit)
        {
            // The limit report reads the product's limiter grains from inside the cluster, which only the in-process host can.
            throw new ArgumentException($"--host cluster runs no provider limit scenario (--quota-*, --llm-quota-rpm, --research-rpm, --llm-rpm, --llm-tpm): run those with --host in-process. {Usage}");
        }
    }

    /// <summary>Mean latency of one row: a search then an LLM call, each with its mean jitter.</summary>
    public double RowLatencySeconds => (ResearchLatencyMs + LlmLatencyMs + (ResearchJitterMs + LlmJitterMs) / 2.0) / 1000.0;

    /// <summary>
    /// Rows per second if every slot were busy all the time: rows in flight on all silos ÷ per-row latency; at an
    /// emulator quota, no more than the quota allows (one search and one LLM request per row).
    /// </summary>
    public double IdealRowsPerSecond
    {
        get
        {
            var bySlots = RowLatencySeconds == 0 ? double.NaN : Silos * RowsInFlight / RowLatencySeconds;
            var ideal = bySlots;
            if (QuotaRequestsPerWindow is { } searches)
            {
                ideal = Math.Min(searches / QuotaWindow.TotalSeconds, double.IsNaN(ideal) ? double.MaxValue : ideal);
            }

            if (LlmQuotaRequestsPerWindow is { } llm && !Batch)
            {
                // Rows sharing requests: each admitted request carries that many rows.
                ideal = Math.Min(llm * RowsPerRequest / QuotaWindow.TotalSeconds, double.IsNaN(ideal) ? double.MaxValue : ideal);
            }

            return ideal;
        }
    }

    private int Scale(int perMinute) => (int)Math.Max(1, Math.Round(perMinute * QuotaWindowSeconds / 60.0));
}
