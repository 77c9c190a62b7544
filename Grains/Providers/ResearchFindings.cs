namespace PersonalizedLine.Grains.Providers;

/// <summary>Condensed search results for one query.</summary>
/// <param name="Summary">Plain text, a few hundred characters; empty when the search found nothing.</param>
/// <param name="SearchCalls">Billable search calls this took (0 for a cache hit or offline research).</param>
public sealed record ResearchFindings(string Summary, int SearchCalls);
