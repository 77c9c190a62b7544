using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// A row's time budget (<c>Processing__RowTimeout</c>) as a cancellation token whose clock stops while the row waits
/// for a provider's rate-limit permit: queued behind a 30-requests-a-minute plan, a row may wait for hours and must
/// not fail for it. Also remembers which limit the row is waiting on, for progress.
/// </summary>
public sealed class RowBudget : IPermitWaitListener, IDisposable
{
    private readonly object _gate = new();
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _outer;
    private readonly TimeProvider _time;
    private TimeSpan _left;
    private DateTimeOffset _runningSince;
    private int _waits;

    public RowBudget(TimeSpan budget, TimeProvider time, CancellationToken cancellationToken)
    {
        _time = time;
        _left = budget;
        _runningSince = time.GetUtcNow();
        // The budget's timer runs on the given clock (so it can be tested); the outer token is linked by hand.
        _source = new CancellationTokenSource(budget, time);
        _outer = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    /// <summary>Cancelled when the budget is spent (or the outer token is).</summary>
    public CancellationToken Token => _source.Token;

    public bool IsSpent => _source.IsCancellationRequested;

    /// <summary>The limit the row is waiting on now, or null.</summary>
    public string? WaitingOn { get; private set; }

    public void WaitStarted(string limit)
    {
        lock (_gate)
        {
            WaitingOn = limit;
            if (_waits++ > 0 || _source.IsCancellationRequested)
            {
                return;
            }

            _left -= _time.GetUtcNow() - _runningSince;
            _source.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    public void WaitEnded(string limit)
    {
        lock (_gate)
        {
            if (--_waits > 0)
            {
                return;
            }

            WaitingOn = null;
            if (_source.IsCancellationRequested)
            {
                return;
            }

            _runningSince = _time.GetUtcNow();
            _source.CancelAfter(_left > TimeSpan.Zero ? _left : TimeSpan.FromMilliseconds(1));
        }
    }

    public void Dispose()
    {
        _outer.Dispose();
        lock (_gate)
        {
            _source.Dispose();
        }
    }
}
