namespace PersonalizedLine.Grains.Providers;

/// <summary>Whether jobs can use <c>mode=batch</c> with the configured LLM provider, and if not, what a person can do.</summary>
/// <param name="Status">What the probe found.</param>
/// <param name="Message">One or two sentences naming the provider's base URL and the setting to change.</param>
public sealed record BatchApiAvailability(BatchApiStatus Status, string Message)
{
    public bool IsAvailable => Status == BatchApiStatus.Available;

    /// <summary>Null when batch mode can be used; otherwise <see cref="Message"/>.</summary>
    public string? Problem => IsAvailable ? null : Message;
}
