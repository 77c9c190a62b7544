namespace PersonalizedLine.Grains.Estimates;

/// <summary>How much of a file an estimate measures exactly; past these it extrapolates and says so.</summary>
/// <param name="PromptSampleRows">Rows whose real prompts are built and measured.</param>
/// <param name="MaxCacheChecks">Distinct research queries checked against the cache.</param>
/// <param name="CacheCheckConcurrency">Cache checks in flight at once.</param>
public sealed record EstimateSampling(int PromptSampleRows = 200, int MaxCacheChecks = 20_000, int CacheCheckConcurrency = 32)
{
    public static EstimateSampling Default { get; } = new();
}
