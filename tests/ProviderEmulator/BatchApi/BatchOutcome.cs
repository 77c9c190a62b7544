namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>A scripted end for the next batch created (see <see cref="BatchBehavior.EnqueueOutcomes"/>). Create with the factories.</summary>
public sealed record BatchOutcome
{
    private BatchOutcome(BatchOutcomeKind kind) => Kind = kind;

    public BatchOutcomeKind Kind { get; }

    /// <summary><see cref="BatchOutcomeKind.Failed"/>: the <c>errors.data[0].message</c> the batch reports.</summary>
    public string? Message { get; private init; }

    /// <summary><see cref="BatchOutcomeKind.Expired"/>: how many requests, from the first, were answered before the window ran out.</summary>
    public int CompletedRequests { get; private init; }

    /// <summary>The batch fails validation with one error (<c>code</c> <c>invalid_request</c>, <c>line</c> 1).</summary>
    public static BatchOutcome Failed(string message = "The batch could not be validated (emulated failure).") =>
        new(BatchOutcomeKind.Failed) { Message = message ?? throw new ArgumentNullException(nameof(message)) };

    /// <summary>The batch expires after answering its first <paramref name="completedRequests"/> requests.</summary>
    public static BatchOutcome Expired(int completedRequests)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completedRequests);
        return new BatchOutcome(BatchOutcomeKind.Expired) { CompletedRequests = completedRequests };
    }
}
