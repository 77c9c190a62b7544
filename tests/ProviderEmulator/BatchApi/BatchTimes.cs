namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>How long a batch spends in each timed status; fixed when the batch is created.</summary>
internal sealed record BatchTimes(TimeSpan Validating, TimeSpan Processing, TimeSpan Finalizing)
{
    /// <summary>From creation to <c>in_progress</c> (or <c>failed</c>).</summary>
    public TimeSpan InProgressAfter => Validating;

    /// <summary>From creation to <c>finalizing</c> (or <c>expired</c>).</summary>
    public TimeSpan ProcessedAfter => Validating + Processing;

    /// <summary>From creation to <c>completed</c>.</summary>
    public TimeSpan CompletedAfter => Validating + Processing + Finalizing;
}
