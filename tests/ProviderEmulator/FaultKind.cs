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

    /// <summary>Batched chat: the line of the last row is left out. Other requests are answered normally.</summary>
    BatchMissingId,

    /// <summary>Batched chat: the ids of the first two lines are swapped, so each names the other row's lead. Needs two rows.</summary>
    BatchSwappedIds,

    /// <summary>Batched chat: the first row's line appears twice, the second copy with a different text.</summary>
    BatchDuplicateId,

    /// <summary>Batched chat: an extra line with id <c>999999</c>, which no row has.</summary>
    BatchUnknownId,

    /// <summary>Batched chat: the content is chatty prose around the lines, not JSON.</summary>
    BatchInvalidJson,

    /// <summary>Batched chat: the content stops halfway through the JSON and <c>finish_reason</c> is <c>length</c>.</summary>
    BatchTruncated,
}
