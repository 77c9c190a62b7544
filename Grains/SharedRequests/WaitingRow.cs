namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>A row inside the batcher: gathered, then in flight, until its outcome is set (or it is withdrawn).</summary>
internal sealed class WaitingRow(SharedRowEntry entry)
{
    private readonly TaskCompletionSource<SharedRowResult> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SharedRowEntry Entry { get; } = entry;

    public Task<SharedRowResult> Outcome => _outcome.Task;

    public bool IsSettled => _outcome.Task.IsCompleted;

    /// <summary>Set once the row's request has left: withdrawing the row then tells the flight instead of the gathering.</summary>
    public SharedFlight? Flight { get; set; }

    public CancellationTokenRegistration Registration { get; set; }

    public void Settle(SharedRowResult result)
    {
        _outcome.TrySetResult(result);
        Registration.Dispose();
    }

    public void Withdraw(CancellationToken cancellationToken) => _outcome.TrySetCanceled(cancellationToken);
}
