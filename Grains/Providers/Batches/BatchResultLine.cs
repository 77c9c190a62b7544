namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// One request's outcome read from a batch's output or error file. Lines come in any order: match them to requests by
/// <see cref="CustomId"/>. Exactly one of <see cref="Completion"/> and <see cref="ErrorMessage"/> is set.
/// </summary>
/// <param name="LineNumber">1-based line in the file, for messages about a line that could not be read.</param>
/// <param name="CustomId">The id the request was written with; null only when the line could not be read.</param>
/// <param name="StatusCode">The HTTP status the request got, or null when it got none (expired, cancelled, unreadable).</param>
/// <param name="Completion">The chat completion, exactly as the online call would have returned it.</param>
/// <param name="ErrorCode">A short code: the provider's (e.g. <c>batch_expired</c>, <c>server_error</c>) or one of the constants below.</param>
/// <param name="ErrorMessage">What went wrong, for a person.</param>
public sealed record BatchResultLine(
    int LineNumber,
    string? CustomId,
    int? StatusCode,
    ChatCompletionResponse? Completion,
    string? ErrorCode,
    string? ErrorMessage)
{
    /// <summary>The line is not a JSON object, or not a batch result at all.</summary>
    public const string MalformedLine = "malformed_line";

    /// <summary>The line carries no <c>custom_id</c>, so it cannot be matched to a request.</summary>
    public const string MissingCustomId = "missing_custom_id";

    /// <summary>The request was answered with a success status whose body is not a chat completion.</summary>
    public const string MalformedCompletion = "malformed_completion";

    public bool IsSuccess => Completion is not null;
}
