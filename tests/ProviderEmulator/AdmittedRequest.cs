namespace PersonalizedLine.ProviderEmulator;

/// <summary>One request the endpoint admitted (see <see cref="EndpointBehavior.AdmittedLog"/>).</summary>
/// <param name="SinceStart">Arrival on the emulator's monotonic clock, like <see cref="RecordedRequest.SinceStart"/>.</param>
/// <param name="Tokens">Tokens it was charged (chat: prompt tokens plus <c>max_tokens</c>; search: 0).</param>
public readonly record struct AdmittedRequest(TimeSpan SinceStart, int Tokens);
