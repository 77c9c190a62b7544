namespace PersonalizedLine.ProviderEmulator;

/// <summary>Requests and tokens admitted, as returned by the admitted-log queries of <see cref="EndpointBehavior"/>.</summary>
public readonly record struct AdmittedTotals(long Requests, long Tokens);
