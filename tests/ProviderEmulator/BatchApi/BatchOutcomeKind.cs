namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>How a scripted <see cref="BatchOutcome"/> ends a batch instead of <c>completed</c>.</summary>
public enum BatchOutcomeKind
{
    /// <summary>Validation fails: <c>validating</c> → <c>failed</c>, with <c>errors.data</c>, no request is run.</summary>
    Failed,

    /// <summary>
    /// The completion window runs out: <c>in_progress</c> → <c>expired</c> with only the first requests answered, the
    /// rest in the error file as <c>batch_expired</c>.
    /// </summary>
    Expired,
}
