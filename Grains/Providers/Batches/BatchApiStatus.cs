namespace PersonalizedLine.Grains.Providers;

/// <summary>What the Batch API probe found, so a caller can tell "fix the configuration" from "try again later".</summary>
public enum BatchApiStatus
{
    Available,

    /// <summary>No LLM key is configured: lines are written offline, and there is no provider to batch with.</summary>
    NoApiKey,

    /// <summary>The provider answered 404: it has no Files and Batches API (or the base URL is wrong).</summary>
    NotOffered,

    /// <summary>The provider answered 401 or 403.</summary>
    KeyRejected,

    /// <summary>The provider could not be reached or kept failing; it may work later.</summary>
    Unreachable,
}
