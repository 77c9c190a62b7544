namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>A batch as it stands at one moment: what <c>GET /v1/batches/{id}</c> answers. Times are Unix seconds.</summary>
internal sealed record BatchSnapshot(
    string Id,
    string Endpoint,
    string InputFileId,
    string CompletionWindow,
    IReadOnlyDictionary<string, string>? Metadata,
    BatchStatus Status,
    IReadOnlyList<BatchError>? Errors,
    string? OutputFileId,
    string? ErrorFileId,
    long CreatedAt,
    long ExpiresAt,
    long? InProgressAt,
    long? FinalizingAt,
    long? CompletedAt,
    long? FailedAt,
    long? ExpiredAt,
    long? CancellingAt,
    long? CancelledAt,
    int Total,
    int Completed,
    int Failed);
