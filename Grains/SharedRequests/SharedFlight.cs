namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// A shared request on its way. It is cancelled only when every one of its rows has been withdrawn (their job was
/// cancelled or their budget spent): while one row still wants its line, the request goes on for it.
/// </summary>
internal sealed class SharedFlight(int rows) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private int _wanted = rows;

    public CancellationToken Token => _cancellation.Token;

    public void RowWithdrawn()
    {
        if (Interlocked.Decrement(ref _wanted) == 0)
        {
            _cancellation.Cancel();
        }
    }

    public void Dispose() => _cancellation.Dispose();
}
