namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// One chat answer as status, content type and body bytes: written as is by the HTTP endpoint, embedded in an
/// output line by the batch worker.
/// </summary>
internal sealed record ChatAnswer(int StatusCode, string ContentType, byte[] Body)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
