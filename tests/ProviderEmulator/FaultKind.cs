namespace PersonalizedLine.ProviderEmulator;

/// <summary>What a scripted <see cref="Fault"/> makes the emulator do instead of its normal answer.</summary>
public enum FaultKind
{
    /// <summary>Answer with a given HTTP status and body.</summary>
    Status,

    /// <summary>HTTP 429, optionally with <c>Retry-After</c> and Groq's <c>x-ratelimit-reset-*</c> headers.</summary>
    RateLimited,

    /// <summary>HTTP 200 whose body is not JSON.</summary>
    Garbage,

    /// <summary>Never answer; wait until the client gives up or the emulator stops.</summary>
    Hang,

    /// <summary>A well-formed answer with empty content (LLM: <c>""</c>; search: no results).</summary>
    EmptyContent,

    /// <summary>A well-formed answer carrying the given text (LLM: the line; search: the description).</summary>
    Content,
}
