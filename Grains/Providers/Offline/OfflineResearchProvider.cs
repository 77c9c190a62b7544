namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Stand-in research when no search key is configured: no network, no delay, same text for the same query.
/// The marker at the start makes offline findings impossible to mistake for real ones.
/// </summary>
public sealed class OfflineResearchProvider : IResearchProvider
{
    public const string Marker = "[offline research]";

    public bool IsOffline => true;

    public Task<ResearchFindings> ResearchAsync(string query, CancellationToken cancellationToken)
    {
        var subject = string.IsNullOrWhiteSpace(query) ? "this company" : query.Trim();
        var summary = $"{Marker} No web search was made for \"{subject}\". Set Research__ApiKey or {ResearchOptions.FallbackApiKeyName} for real research.";
        return Task.FromResult(new ResearchFindings(summary, SearchCalls: 0));
    }
}
