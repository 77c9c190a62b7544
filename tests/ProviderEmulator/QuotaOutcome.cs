namespace PersonalizedLine.ProviderEmulator;

/// <summary>What the quota decided for one arriving request.</summary>
internal enum QuotaOutcome
{
    /// <summary>No quota is set: admitted, and answered with the emulator's fixed example headers.</summary>
    Unlimited,

    /// <summary>Within the quota: admitted and counted against the windows.</summary>
    Admitted,

    /// <summary>Over the request or token window: HTTP 429, not counted.</summary>
    RateLimited,

    /// <summary>Larger than the token window on its own: HTTP 413, not counted (it could never be admitted).</summary>
    TooLarge,
}
