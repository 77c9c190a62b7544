namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>
/// A chunk was asked to store rows different from the rows it already holds: two uploads disagree about the same
/// slice of a job. Raised instead of keeping either silently, so no row can vanish.
/// </summary>
[GenerateSerializer, Alias("chunk-conflict")]
public sealed class ChunkConflictException : Exception
{
    public ChunkConflictException()
    {
    }

    public ChunkConflictException(string message)
        : base(message)
    {
    }

    public ChunkConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
