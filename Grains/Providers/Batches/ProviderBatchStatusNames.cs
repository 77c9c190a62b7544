namespace PersonalizedLine.Grains.Providers;

/// <summary>The <c>status</c> values of a provider batch, as OpenAI and Groq spell them.</summary>
public static class ProviderBatchStatusNames
{
    public const string Validating = "validating";
    public const string Failed = "failed";
    public const string InProgress = "in_progress";
    public const string Finalizing = "finalizing";
    public const string Completed = "completed";
    public const string Expired = "expired";
    public const string Cancelling = "cancelling";
    public const string Cancelled = "cancelled";
}
