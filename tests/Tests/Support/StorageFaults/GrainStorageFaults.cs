namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>
/// The switchboard of <see cref="FaultInjectingGrainStorage"/>: which storage calls fail, and how many were attempted
/// and failed. One instance serves every wrapped provider of every silo of one cluster (see
/// <see cref="StorageFaultRegistry"/>). Safe to use from any thread while the cluster runs.
/// </summary>
/// <example>
/// <code>
/// var faults = StorageFaultRegistry.For(cluster.Options.ClusterId);
/// faults.FailNthWrite(3, call => call.StorageName == StorageNames.Chunks);   // the 3rd chunk write from now fails once
/// using (faults.FailWrites())                                               // every write fails until disposed
/// {
///     await Eventually.TrueAsync(() => faults.WritesFailed >= 5, deadline, "five failed writes");
/// }
/// </code>
/// </example>
public sealed class GrainStorageFaults
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<Hold> _holds = [];
    private long _held;
    private readonly Dictionary<StorageOperation, (long Attempted, long Failed)> _counts = new()
    {
        [StorageOperation.Read] = (0, 0),
        [StorageOperation.Write] = (0, 0),
        [StorageOperation.Clear] = (0, 0),
    };

    public long WritesAttempted => Attempted(StorageOperation.Write);

    public long WritesFailed => Failed(StorageOperation.Write);

    /// <summary>Calls of <paramref name="operation"/> (one operation, not a combination) that reached the wrapper, failed or not.</summary>
    public long Attempted(StorageOperation operation)
    {
        lock (_gate)
        {
            return _counts[operation].Attempted;
        }
    }

    /// <summary>Calls of <paramref name="operation"/> (one operation, not a combination) that were failed on purpose.</summary>
    public long Failed(StorageOperation operation)
    {
        lock (_gate)
        {
            return _counts[operation].Failed;
        }
    }

    /// <summary>The <paramref name="n"/>th write from now that <paramref name="when"/> accepts (any write when null) fails, once.</summary>
    public void FailNthWrite(int n, Func<StorageCall, bool>? when = null) => FailNth(StorageOperation.Write, n, when);

    /// <summary>The <paramref name="n"/>th call of <paramref name="operations"/> from now that <paramref name="when"/> accepts fails, once.</summary>
    public void FailNth(StorageOperation operations, int n, Func<StorageCall, bool>? when = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Add(new FaultRule(operations, when, n));
    }

    /// <summary>Every write that <paramref name="when"/> accepts fails until the returned scope is disposed.</summary>
    public IDisposable FailWrites(Func<StorageCall, bool>? when = null) => Fail(StorageOperation.Write, when);

    /// <summary>Every call of <paramref name="operations"/> that <paramref name="when"/> accepts fails until the returned scope is disposed.</summary>
    public IDisposable Fail(StorageOperation operations, Func<StorageCall, bool>? when = null)
    {
        var rule = new FaultRule(operations, when, countdown: null);
        Add(rule);
        return new Window(this, rule);
    }

    /// <summary>Writes waiting in a <see cref="HoldWrites"/> scope right now.</summary>
    public long WritesHeld => Interlocked.Read(ref _held);

    /// <summary>
    /// Every write that <paramref name="when"/> accepts waits, before it reaches the wrapped storage, until the returned
    /// scope is disposed: a database that is slow to answer. The writes then go through.
    /// </summary>
    public IDisposable HoldWrites(Func<StorageCall, bool>? when = null)
    {
        var hold = new Hold(this, call => call.Operation == StorageOperation.Write && when?.Invoke(call) != false);
        lock (_gate)
        {
            _holds.Add(hold);
        }

        return hold;
    }

    /// <summary>Drops every pending fault and open window, and lets held writes go; the counts stay.</summary>
    public void Clear()
    {
        List<Hold> holds;
        lock (_gate)
        {
            _rules.Clear();
            holds = [.. _holds];
        }

        foreach (var hold in holds)
        {
            hold.Dispose();
        }
    }

    /// <summary>Waits while a <see cref="HoldWrites"/> scope holds <paramref name="call"/>.</summary>
    internal async Task WaitWhileHeldAsync(StorageCall call)
    {
        Hold? holding;
        lock (_gate)
        {
            holding = _holds.FirstOrDefault(hold => hold.Holds(call));
        }

        if (holding is null)
        {
            return;
        }

        Interlocked.Increment(ref _held);
        try
        {
            await holding.Released.ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }

    /// <summary>Counts <paramref name="call"/> and throws <see cref="InjectedStorageFaultException"/> when a fault claims it.</summary>
    internal void Enter(StorageCall call)
    {
        bool fail;
        lock (_gate)
        {
            fail = false;
            foreach (var rule in _rules.ToList())
            {
                if (rule.Claims(call))
                {
                    fail = true;
                    if (rule.IsNth)
                    {
                        _rules.Remove(rule);
                    }
                }
            }

            var (attempted, failed) = _counts[call.Operation];
            _counts[call.Operation] = (attempted + 1, fail ? failed + 1 : failed);
        }

        if (fail)
        {
            throw new InjectedStorageFaultException(call);
        }
    }

    private void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    private void Remove(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Remove(rule);
        }
    }

    /// <summary>A window (no countdown) or an Nth-call fault (counting down the matching calls it has seen).</summary>
    private sealed class FaultRule(StorageOperation operations, Func<StorageCall, bool>? when, int? countdown)
    {
        public bool IsNth => countdown is not null;

        /// <summary>Whether this rule fails <paramref name="call"/>; an Nth-call rule counts every call it matches.</summary>
        public bool Claims(StorageCall call)
        {
            if ((operations & call.Operation) == 0 || when?.Invoke(call) == false)
            {
                return false;
            }

            if (countdown is null)
            {
                return true;
            }

            countdown--;
            return countdown == 0;
        }
    }

    private sealed class Window(GrainStorageFaults owner, FaultRule rule) : IDisposable
    {
        public void Dispose() => owner.Remove(rule);
    }

    private sealed class Hold(GrainStorageFaults owner, Func<StorageCall, bool> holds) : IDisposable
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Released => _released.Task;

        public bool Holds(StorageCall call) => holds(call);

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._holds.Remove(this);
            }

            _released.TrySetResult();
        }
    }
}
