using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Providers;

/// <summary>OpenAI-compatible chat completions settings, configuration section <c>Llm</c>.</summary>
public sealed class LlmOptions : ProviderResilienceOptions
{
    public const string SectionName = "Llm";

    /// <summary>Configuration key read when <see cref="ApiKey"/> is not set.</summary>
    public const string FallbackApiKeyName = "GROQ_API_KEY";

    public LlmOptions()
    {
        // Large and reasoning models take minutes to answer (the OpenAI SDK waits up to 10): an attempt cut early is
        // still billed and would only be sent again. One retry after a timeout, no more, and room for both in total.
        AttemptTimeout = TimeSpan.FromMinutes(4);
        MaxTimeoutRetries = 1;
        TotalTimeout = TimeSpan.FromMinutes(10);
    }

    /// <summary>Base URL ending in the API version, e.g. <c>https://api.groq.com/openai/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.groq.com/openai/v1";

    /// <summary>Null or blank means: use the offline line writer.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "llama-3.1-8b-instant";

    public double Temperature { get; set; } = 0.7;

    public int MaxTokens { get; set; } = 120;

    /// <summary>
    /// The plan's token limit per minute, held by the whole cluster. Counted the way Groq and OpenAI admit a request:
    /// prompt tokens plus <see cref="MaxTokens"/>. 0 means not configured.
    /// </summary>
    public int TokensPerMinute { get; set; }

    /// <summary>The most rows a job may put in one chat completion (<c>rowsPerRequest</c>).</summary>
    public const int MaxRowsPerRequest = 50;

    /// <summary>
    /// Rows that share one chat completion by default (a job's <c>rowsPerRequest</c> overrides it); 1 sends every row
    /// alone. Up to <see cref="MaxRowsPerRequest"/>. A request-limited plan writes this many times more rows a minute.
    /// </summary>
    public int RowsPerRequest { get; set; } = 1;

    /// <summary>
    /// How long the first row of a shared request waits for others before the request leaves with fewer rows: the
    /// end of a job, or a slow trickle of research, must not hold rows (and their slots) for long.
    /// </summary>
    public TimeSpan RowsPerRequestWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The model's context window in tokens (prompt and answer together); a shared request is split to stay within
    /// it. The default fits the default model (131,072 for llama-3.1-8b-instant); set it for smaller models.
    /// </summary>
    public int ContextTokens { get; set; } = 131_072;

    /// <summary>OpenAI's and Groq's cap on the requests in one batch input file.</summary>
    public const int BatchRequestLimit = 50_000;

    /// <summary>OpenAI's and Groq's cap on the size of one batch input file.</summary>
    public const long BatchFileByteLimit = 200L * 1024 * 1024;

    /// <summary>
    /// How jobs send their LLM requests unless they say otherwise: <see cref="JobMode.Online"/> (chat completions as rows
    /// become ready) or <see cref="JobMode.Batch"/> (the provider's Batch API: about half the price, results within
    /// <see cref="BatchCompletionWindow"/>).
    /// </summary>
    public JobMode Mode { get; set; } = JobMode.Online;

    /// <summary>The batch's <c>completion_window</c>: OpenAI accepts only <c>24h</c>; Groq accepts <c>24h</c> to <c>7d</c>.</summary>
    public string BatchCompletionWindow { get; set; } = "24h";

    /// <summary>Most requests written to one batch input file (the providers accept up to <see cref="BatchRequestLimit"/>).</summary>
    public int MaxRequestsPerBatch { get; set; } = BatchRequestLimit;

    /// <summary>Largest batch input file, in bytes; a job needing more uploads several files (the providers accept up to 200 MB).</summary>
    public long MaxBatchFileBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How often a running batch's status is asked for. A batch takes minutes to hours, so there is no hurry.</summary>
    public TimeSpan BatchPollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How requests that come back from a batch failed or expired are sent again.</summary>
    public BatchRetryMode BatchRetry { get; set; } = BatchRetryMode.Online;

    /// <summary>
    /// How long one batch file upload may take: it is one long request (100 MB at 1 Mbit/s takes 14 minutes) and is never
    /// retried by the HTTP pipeline, since its stream cannot be sent twice. It replaces AttemptTimeout and TotalTimeout for
    /// uploads only.
    /// </summary>
    public TimeSpan BatchUploadTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
