namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The wire names of <see cref="BatchStatus"/>.</summary>
internal static class BatchStatusNames
{
    public static string Of(BatchStatus status) => status switch
    {
        BatchStatus.Validating => "validating",
        BatchStatus.Failed => "failed",
        BatchStatus.InProgress => "in_progress",
        BatchStatus.Finalizing => "finalizing",
        BatchStatus.Completed => "completed",
        BatchStatus.Expired => "expired",
        BatchStatus.Cancelling => "cancelling",
        BatchStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
