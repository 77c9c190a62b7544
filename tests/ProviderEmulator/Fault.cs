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

    /// <summary>Text for <see cref="FaultKind.Content"/>.</summary>
    public string? Text { get; private init; }

    public static Fault Status(int statusCode, string? body = null) => new(FaultKind.Status) { StatusCode = statusCode, Body = body };

    public static Fault RateLimited(TimeSpan? retryAfter = null, string? groqResetHeader = null) =>
        new(FaultKind.RateLimited) { StatusCode = 429, RetryAfter = retryAfter, GroqResetHeader = groqResetHeader };

    public static Fault Garbage() => new(FaultKind.Garbage) { StatusCode = 200 };

    public static Fault Hang() => new(FaultKind.Hang);

    public static Fault EmptyContent() => new(FaultKind.EmptyContent) { StatusCode = 200 };

    public static Fault Content(string text) => new(FaultKind.Content) { StatusCode = 200, Text = text ?? throw new ArgumentNullException(nameof(text)) };
}
