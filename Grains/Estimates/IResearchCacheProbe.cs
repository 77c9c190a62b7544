namespace PersonalizedLine.Grains.Estimates;

/// <summary>Asks whether a research result is cached, without searching. The seam estimates are tested through.</summary>
public interface IResearchCacheProbe
{
    /// <param name="key">A key from <see cref="Research.ResearchCacheKey.For"/>.</param>
    Task<bool> IsCachedAsync(string key);
}
