namespace PersonalizedLine.Grains.Research;

/// <summary>
/// What the research cache keeps for one normalized query: the condensed research and when it was fetched.
/// Only successful searches are written; a query never searched (or only failed) has no <see cref="FetchedAt"/>.
/// </summary>
[GenerateSerializer, Alias("research-cache-state")]
public sealed class ResearchCacheState
{
    /// <summary>The query as it was searched (for people reading the store; the grain key is its hash).</summary>
    [Id(0)]
    public string Query { get; set; } = string.Empty;

    [Id(1)]
    public string Summary { get; set; } = string.Empty;

    [Id(2)]
    public DateTimeOffset? FetchedAt { get; set; }
}
