namespace PersonalizedLine.Grains.Interfaces.Research;

/// <summary>
/// A research cache shard could not read an entry from its storage (the database is down or unreachable). Nothing was
/// searched or charged; the caller backs off and asks again, as when the shard's silo is unreachable.
/// </summary>
[GenerateSerializer, Alias("research-cache-unavailable")]
public sealed class ResearchCacheUnavailableException : OrleansException
{
    public ResearchCacheUnavailableException()
    {
    }

    public ResearchCacheUnavailableException(string message)
        : base(message)
    {
    }

    public ResearchCacheUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
