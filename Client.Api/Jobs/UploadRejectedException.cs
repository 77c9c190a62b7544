namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The request itself is unusable (not multipart, no file part, …); becomes a ProblemDetails.</summary>
public sealed class UploadRejectedException(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;
}
