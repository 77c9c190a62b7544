namespace PersonalizedLine.Silo.Auth;

/// <summary>One tenant's limits; null means unlimited.</summary>
public sealed class QuotaLimits
{
    /// <summary>Jobs queued, running or paused at once.</summary>
    public int? ConcurrentJobs { get; set; }

    /// <summary>Rows submitted per UTC day, across the cluster.</summary>
    public long? RowsPerDay { get; set; }

    /// <summary>POST /jobs requests per minute, per API process.</summary>
    public int? SubmitsPerMinute { get; set; }
}
