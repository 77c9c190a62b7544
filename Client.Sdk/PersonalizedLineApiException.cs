using System.Net;

namespace PersonalizedLine.Client.Sdk;

/// <summary>The API refused a request: its HTTP status and the problem it described (title, detail, fields at fault).</summary>
public sealed class PersonalizedLineApiException(
    HttpStatusCode statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    : Exception(detail is null ? $"{(int)statusCode} {title}" : $"{(int)statusCode} {title}: {detail}")
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>Field name → what is wrong with it, for answers that name fields; empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();
}
