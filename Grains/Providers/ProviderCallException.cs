namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// A provider call that failed for good, after the resilience pipeline gave up. The message is written
/// into the row's <c>personalization_error</c> cell, so it must tell a person what happened and what to do.
/// </summary>
public sealed class ProviderCallException : Exception
{
    public ProviderCallException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
