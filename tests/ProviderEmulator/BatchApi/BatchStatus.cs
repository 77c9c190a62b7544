namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// A batch's life, as OpenAI names it. The timed path is <see cref="Validating"/> → <see cref="InProgress"/> →
/// <see cref="Finalizing"/> → <see cref="Completed"/>; a scripted outcome ends it <see cref="Failed"/> (after
/// validating) or <see cref="Expired"/> (after processing); a cancel while validating or in progress leads to
/// <see cref="Cancelling"/> → <see cref="Cancelled"/>.
/// </summary>
internal enum BatchStatus
{
    Validating,
    Failed,
    InProgress,
    Finalizing,
    Completed,
    Expired,
    Cancelling,
    Cancelled,
}
