using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// A runner's finished rows of one chunk waiting for the report under way to it: they go together in the next one.
/// </summary>
internal sealed class ChunkOutbox
{
    public List<((string Chunk, long Row, int Generation) Key, RowWork Row, RowResult Result, TaskCompletionSource Delivered)> Waiting { get; } = [];

    /// <summary>A report to the chunk is under way (or waiting to try again).</summary>
    public bool Sending { get; set; }
}
