namespace PersonalizedLine.Silo.Storage;

/// <summary>A write waiting for <see cref="SqliteStateDatabase"/>'s writer: run in a batch, answered after its commit.</summary>
internal abstract class QueuedWrite
{
    /// <summary>Runs the statements; an exception leaves the transaction for the writer to roll back.</summary>
    public abstract void Run(SqliteSession session);

    /// <summary>Hands the caller what <see cref="Run"/> returned, once it is committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <inheritdoc />
internal sealed class QueuedWrite<T>(Func<SqliteSession, T> write) : QueuedWrite
{
    // Callers continue elsewhere, never on the writer's thread, which goes on to the next batch.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public Task<T> Task => _done.Task;

    public override void Run(SqliteSession session) => _result = write(session);

    public override void Complete() => _done.TrySetResult(_result!);

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
