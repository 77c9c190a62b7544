namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>One provider batch of a batch-mode job: its provider status and request counts.</summary>
public sealed record ProviderBatchPart(string? BatchId, string Status, int Total, int Completed, int Failed, bool Delivered);
