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

    /// <summary>True for the faults that only change a batched chat answer (<see cref="BatchMissingId"/> and the rest).</summary>
    public bool IsBatchFault => Kind is FaultKind.BatchMissingId or FaultKind.BatchSwappedIds or FaultKind.BatchDuplicateId
        or FaultKind.BatchUnknownId or FaultKind.BatchInvalidJson or FaultKind.BatchTruncated;

    public static Fault Status(int statusCode, string? body = null) => new(FaultKind.Status) { StatusCode = statusCode, Body = body };

    public static Fault RateLimited(TimeSpan? retryAfter = null, string? groqResetHeader = null) =>
        new(FaultKind.RateLimited) { StatusCode = 429, RetryAfter = retryAfter, GroqResetHeader = groqResetHeader };

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

    /// <summary>Batched chat: the content is cut about halfway and <c>finish_reason</c> is <c>length</c>.</summary>
    public static Fault BatchTruncated() => new(FaultKind.BatchTruncated) { StatusCode = 200 };
}
