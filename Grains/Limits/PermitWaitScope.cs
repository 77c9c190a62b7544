namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// The listener for permit waits of the code running now. An async-local because the wait happens deep inside
/// HttpClient's handler chain, under provider interfaces that know nothing of rows; it flows with the awaits from the
/// row (or the research cache grain) down to <see cref="ProviderPermitHandler"/>.
/// </summary>
public static class PermitWaitScope
{
    private static readonly AsyncLocal<IPermitWaitListener?> Listener = new();

    public static IPermitWaitListener? Current => Listener.Value;

    /// <summary>Sets the listener until the returned scope is disposed.</summary>
    public static IDisposable Enter(IPermitWaitListener listener)
    {
        var previous = Listener.Value;
        Listener.Value = listener;
        return new Restore(previous);
    }

    private sealed class Restore(IPermitWaitListener? previous) : IDisposable
    {
        public void Dispose() => Listener.Value = previous;
    }
}
