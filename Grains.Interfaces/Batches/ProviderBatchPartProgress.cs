namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>One provider batch: its id, the provider's status and request counts.</summary>
/// <param name="BatchId">The provider's batch id; null until it is created.</param>
/// <param name="Status">The provider's status: <c>validating</c>, <c>in_progress</c>, <c>finalizing</c>, <c>completed</c>, <c>failed</c>, <c>expired</c>, <c>cancelled</c>…</param>
/// <param name="Total">Requests in the batch.</param>
/// <param name="Completed">Requests the provider has completed.</param>
/// <param name="Failed">Requests the provider reports failed.</param>
/// <param name="Delivered">True once its answers have been handed to the rows.</param>
[GenerateSerializer, Immutable, Alias("provider-batch-part-progress")]
public sealed record class ProviderBatchPartProgress(
    [property: Id(0)] string? BatchId,
    [property: Id(1)] string Status,
    [property: Id(2)] int Total,
    [property: Id(3)] int Completed,
    [property: Id(4)] int Failed,
    [property: Id(5)] bool Delivered);
