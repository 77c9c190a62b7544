using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>One row on its runner: the work under way, the result once it has one, and what cancels it.</summary>
internal sealed class RowWork(RowRequest request)
{
    public RowRequest Request { get; set; } = request;

    public Task? Task { get; set; }

    public RowResult? Result { get; set; }

    public CancellationTokenSource Cancellation { get; } = new();

    public bool IsRunning => Task is { IsCompleted: false };
}
