namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// A provider call that failed for good, after the resilience pipeline gave up. The message is written
/// into the row's <c>personalization_error</c> cell, so it must tell a person what happened and what to do.
/// <see cref="ProviderAccountException"/> is the one kind that is about the whole account rather than the call.
/// </summary>
public class ProviderCallException : Exception
{
    public ProviderCallException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
