namespace PersonalizedLine.ProviderEmulator;

/// <summary>One scripted misbehaviour for one request. Create with the static factories.</summary>
public sealed record Fault
{
    private Fault(FaultKind kind) => Kind = kind;

    public FaultKind Kind { get; }

    /// <summary>HTTP status for <see cref="FaultKind.Status"/>.</summary>
    public int StatusCode { get; private init; }

    /// <summary>Body for <see cref="FaultKind.Status"/>; null means the provider's usual error body.</summary>
    public string? Body { get; private init; }

    /// <summary><c>Retry-After</c> for <see cref="FaultKind.RateLimited"/>; null sends none (like Serper).</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>Go duration sent as both <c>x-ratelimit-reset-requests</c> and <c>-tokens</c> on a 429; null sends neither.</summary>
    public string? GroqResetHeader { get; private init; }

    /// <summary>Extra response headers for <see cref="FaultKind.Status"/> (e.g. Groq's rate-limit headers); null sends none.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; private init; }

    /// <summary>Text for <see cref="FaultKind.Content"/>.</summary>
    public string? Text { get; private init; }

    /// <summary>True for the faults that only change a batched chat answer (<see cref="BatchMissingId"/> and the rest).</summary>
    public bool IsBatchFault => Kind is FaultKind.BatchMissingId or FaultKind.BatchSwappedIds or FaultKind.BatchDuplicateId
        or FaultKind.BatchUnknownId or FaultKind.BatchInvalidJson or FaultKind.BatchTruncated;

    public static Fault Status(int statusCode, string? body = null) => new(FaultKind.Status) { StatusCode = statusCode, Body = body };

    public static Fault RateLimited(TimeSpan? retryAfter = null, string? groqResetHeader = null) =>
        new(FaultKind.RateLimited) { StatusCode = 429, RetryAfter = retryAfter, GroqResetHeader = groqResetHeader };

    // Account faults: what providers answer for every request on a key that is refused, out of credit or over a daily
    // quota. Set one as EndpointBehavior.AccountFault to revoke a key mid-job, and clear it to restore the key.

    /// <summary>HTTP 401 with OpenAI's error body for a wrong or revoked key (<c>invalid_api_key</c>), as Groq answers it.</summary>
    public static Fault InvalidApiKey() =>
        Status(401, OpenAiBody("Invalid API Key", "invalid_request_error", "invalid_api_key"));

    /// <summary>HTTP 402 with an OpenAI-style error body: the account has no credit.</summary>
    public static Fault PaymentRequired() =>
        Status(402, OpenAiBody("Your account has no credit left. Add credit to continue.", "billing_error", "payment_required"));

    /// <summary>HTTP 403 with an OpenAI-style error body: the key may not use this endpoint or model.</summary>
    public static Fault PermissionDenied() =>
        Status(403, OpenAiBody("This API key is not allowed to use this resource.", "permission_error", "permission_denied"));

    /// <summary>HTTP 403 with Serper's body for a key it does not accept.</summary>
    public static Fault SerperUnauthorized() => Status(403, "{\"message\":\"Unauthorized.\",\"statusCode\":403}");

    /// <summary>HTTP 429 with OpenAI's body for an account out of credit (<c>insufficient_quota</c>), and no <c>Retry-After</c>.</summary>
    public static Fault InsufficientQuota() =>
        Status(429, OpenAiBody(
            "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"));

    /// <summary>
    /// HTTP 429 as Groq answers once the per-day request quota is used: its body, <c>x-ratelimit-remaining-requests: 0</c>
    /// and <c>x-ratelimit-reset-requests</c> of <paramref name="resetIn"/> (e.g. <c>2h3m0s</c>), and, when
    /// <paramref name="sendRetryAfter"/>, <c>Retry-After</c> in seconds.
    /// </summary>
    public static Fault DailyQuotaExhausted(TimeSpan resetIn, bool sendRetryAfter = true)
    {
        var reset = GoDurationText.Format(resetIn);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ratelimit-limit-requests"] = "14400",
            ["x-ratelimit-remaining-requests"] = "0",
            ["x-ratelimit-reset-requests"] = reset,
            ["x-ratelimit-reset-tokens"] = "7.66s",
        };
        if (sendRetryAfter)
        {
            headers["retry-after"] = Math.Ceiling(resetIn.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var body = OpenAiBody(
            $"Rate limit reached on requests per day (RPD): Limit 14400, Used 14400, Requested 1. Please try again in {reset}.",
            "requests", "rate_limit_exceeded");
        return new(FaultKind.Status) { StatusCode = 429, Body = body, Headers = headers };
    }

    public static Fault Garbage() => new(FaultKind.Garbage) { StatusCode = 200 };

    public static Fault Hang() => new(FaultKind.Hang);

    public static Fault EmptyContent() => new(FaultKind.EmptyContent) { StatusCode = 200 };

    public static Fault Content(string text) => new(FaultKind.Content) { StatusCode = 200, Text = text ?? throw new ArgumentNullException(nameof(text)) };

    // Batch faults change only a batched chat answer (one with response_format json_object); any other request
    // that draws one is answered normally, so a script can be shared by single and batched calls.

    /// <summary>Batched chat: the last row gets no line.</summary>
    public static Fault BatchMissingId() => new(FaultKind.BatchMissingId) { StatusCode = 200 };

    /// <summary>Batched chat: the first two lines carry each other's id.</summary>
    public static Fault BatchSwappedIds() => new(FaultKind.BatchSwappedIds) { StatusCode = 200 };

    /// <summary>Batched chat: the first row's id appears on two lines with different texts.</summary>
    public static Fault BatchDuplicateId() => new(FaultKind.BatchDuplicateId) { StatusCode = 200 };

    /// <summary>Batched chat: one more line, with id <c>999999</c>.</summary>
    public static Fault BatchUnknownId() => new(FaultKind.BatchUnknownId) { StatusCode = 200 };

    /// <summary>Batched chat: the content is not JSON.</summary>
    public static Fault BatchInvalidJson() => new(FaultKind.BatchInvalidJson) { StatusCode = 200 };

    private static string OpenAiBody(string message, string type, string code) =>
        System.Text.Encoding.UTF8.GetString(OpenAiErrors.Body(message, type, code));

    /// <summary>Batched chat: the content is cut about halfway and <c>finish_reason</c> is <c>length</c>.</summary>
    public static Fault BatchTruncated() => new(FaultKind.BatchTruncated) { StatusCode = 200 };
}
