namespace PersonalizedLine.Tests.Api;

/// <summary>The API as users run it with no cluster configured, with a small upload limit to test against.</summary>
public sealed class ApiFixture() : ApiHostFixture(maxConcurrentRowsPerSilo: 50)
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["Upload:MaxFileBytes"] = MaxFileBytes.ToString();
}
