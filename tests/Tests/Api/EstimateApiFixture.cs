namespace PersonalizedLine.Tests.Api;

/// <summary>
/// The API with provider limits and a price table set, for estimates computed by hand. Its own process-level host and
/// emulator: the limits would slow the shared API fixture's jobs, and the emulator's counters prove no call is made.
/// </summary>
public sealed class EstimateApiFixture() : ApiHostFixture(maxConcurrentRowsPerSilo: 10)
{
    public const string PricedModel = "priced-model";
    public const decimal InputPerMillion = 2m;
    public const decimal OutputPerMillion = 4m;
    public const decimal SearchesPerThousand = 5m;
    public const int LlmRequestsPerMinute = 30;
    public const int ResearchRequestsPerMinute = 60;
    public const int LlmTokensPerMinute = 1_000_000;

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Llm:RequestsPerMinute"] = LlmRequestsPerMinute.ToString();
        settings["Llm:TokensPerMinute"] = LlmTokensPerMinute.ToString();
        settings["Research:RequestsPerMinute"] = ResearchRequestsPerMinute.ToString();
        settings[$"Pricing:Models:{PricedModel}:InputPerMillion"] = InputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"Pricing:Models:{PricedModel}:OutputPerMillion"] = OutputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Pricing:SearchesPerThousand"] = SearchesPerThousand.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
