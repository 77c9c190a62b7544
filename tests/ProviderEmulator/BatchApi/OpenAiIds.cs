namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>Ids shaped like OpenAI's: a prefix and 24 random hex digits.</summary>
internal static class OpenAiIds
{
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N")[..24];
}
