namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>One method of the typed client as it goes over the wire: verb, route, parameter names, and what it reads back.</summary>
/// <param name="Method">The interface method, for messages.</param>
/// <param name="Verb">Upper-case HTTP method.</param>
/// <param name="Path">The route template, e.g. <c>/jobs/{id}</c>.</param>
/// <param name="QueryParameters">Query string names.</param>
/// <param name="FormFields">Multipart part names, in the order they are sent (empty when not multipart).</param>
/// <param name="ResponseType">The JSON type read from the answer; null for a stream or no body.</param>
public sealed record ClientOperation(
    string Method,
    string Verb,
    string Path,
    IReadOnlySet<string> QueryParameters,
    IReadOnlyList<string> FormFields,
    Type? ResponseType)
{
    public string Key => $"{Verb} {Path}";
}
