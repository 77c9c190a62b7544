namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>A batch-mode job's provider batches: the phase it is in, the round, and each batch.</summary>
public sealed record ProviderBatchProgress(string Phase, int Round, IReadOnlyList<ProviderBatchPart> Batches);
