namespace PersonalizedLine.Grains.Providers;

/// <summary>How requests that come back from a batch failed or expired are sent again.</summary>
public enum BatchRetryMode
{
    /// <summary>As online chat completions: the job finishes soon, at the online price for those few rows.</summary>
    Online = 0,

    /// <summary>In a further batch: everything at the batch price, but each round may take a whole completion window.</summary>
    Batch = 1,
}
