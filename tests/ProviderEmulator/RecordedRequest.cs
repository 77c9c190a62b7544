namespace PersonalizedLine.ProviderEmulator;

/// <summary>What one request to the emulator carried, for tests to assert on.</summary>
/// <param name="Sequence">1-based arrival order on its endpoint (since the last counter reset).</param>
/// <param name="ReceivedAt">Wall-clock arrival time.</param>
/// <param name="SinceStart">Monotonic time since the emulator started; use this to measure gaps between requests.</param>
/// <param name="Text">Search: the query <c>q</c>. LLM: the user message.</param>
/// <param name="Body">The raw request body.</param>
/// <param name="Credential">The <c>X-API-KEY</c> (search) or bearer token (LLM) sent, if any.</param>
/// <param name="Fault">The scripted fault applied, or null for a normal answer (or a quota rejection).</param>
public sealed record RecordedRequest(
    long Sequence,
    DateTimeOffset ReceivedAt,
    TimeSpan SinceStart,
    string Text,
    string Body,
    string? Credential,
    Fault? Fault)
{
    /// <summary>429 or 413 when <see cref="EndpointBehavior.Quota"/> turned the request away; null when it was admitted.</summary>
    public int? QuotaStatus { get; init; }
}
