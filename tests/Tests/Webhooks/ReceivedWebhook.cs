namespace PersonalizedLine.Tests.Webhooks;

/// <summary>One request as the receiver got it: the raw body is what a signature is checked against.</summary>
public sealed record ReceivedWebhook(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
