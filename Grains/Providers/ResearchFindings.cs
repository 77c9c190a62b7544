namespace PersonalizedLine.Grains.Providers;

/// <summary>Condensed search results for one query.</summary>
/// <param name="Summary">Plain text, a few hundred characters; empty when the search found nothing.</param>
/// <param name="SearchCalls">Billable search calls this took (0 for a cache hit or offline research).</param>
/// <param name="FromCache">
/// True when the research cache served it without a search paid for by this caller: stored by an earlier row or
/// job, or shared from a search another row started. Counted as a cached search in the job's usage.
/// </param>
/// <param name="RateLimitedAnswers">HTTP 429 answers the search met on the way (counted for whoever paid for it).</param>
public sealed record ResearchFindings(string Summary, int SearchCalls, bool FromCache = false, int RateLimitedAnswers = 0);
