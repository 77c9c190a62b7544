namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>A request as <see cref="ScriptedHandler"/> received it.</summary>
public sealed record SentRequest(string Method, string Url, string? Authorization, string Body);
