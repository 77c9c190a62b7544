using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Researches a company with one Serper search and condenses the answer.</summary>
public sealed class SerperResearchProvider : IResearchProvider
{
    private readonly ISerperApi _api;
    private readonly ResearchOptions _options;
    private readonly ProviderIdentity _identity;

    public SerperResearchProvider(ISerperApi api, IOptions<ResearchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _options = options.Value;
        _identity = ProviderIdentity.ForResearch(_options);
    }

    public bool IsOffline => false;

    public async Task<ResearchFindings> ResearchAsync(string query, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var request = new SerperSearchRequest(query.Trim(), _options.Country, _options.Language, _options.ResultsPerQuery);
        var tracker = new ProviderCallTracker();
        SerperSearchResponse response;
        try
        {
            response = await _api.SearchAsync(request, tracker, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderFailure.Translate(ex, _identity, _options, tracker, cancellationToken) is { } failure)
        {
            throw failure;
        }

        // Serper bills one credit per request that reached it, retries included; report the logical call.
        return new ResearchFindings(SerperSummary.Condense(response, _options.SummaryMaxChars), SearchCalls: 1, RateLimitedAnswers: tracker.RateLimited);
    }
}
