namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The request itself is unusable (not multipart, no file part, …); becomes a ProblemDetails.</summary>
/// <param name="field">The form field at fault (<c>file</c>, <c>limit</c>, …), when one is; named in the problem's <c>errors</c>.</param>
public sealed class UploadRejectedException(int statusCode, string title, string detail, string? field = null) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public string? Field { get; } = field;
}
