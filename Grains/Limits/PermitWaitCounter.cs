namespace PersonalizedLine.Grains.Limits;

/// <summary>A listener that only tells whether some call is waiting for a permit right now; thread-safe.</summary>
public sealed class PermitWaitCounter : IPermitWaitListener
{
    private int _waits;

    public bool Waiting => Volatile.Read(ref _waits) > 0;

    public void WaitStarted(string limit) => Interlocked.Increment(ref _waits);

    public void WaitEnded(string limit) => Interlocked.Decrement(ref _waits);
}
