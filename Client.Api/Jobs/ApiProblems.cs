using PersonalizedLine.Client.Api.Quotas;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>Turns what can go wrong with an upload into a ProblemDetails a person can act on. Never a 5xx.</summary>
public static class ApiProblems
{
    /// <summary>The problem for an upload failure, or null when the failure is not the upload's fault.</summary>
    public static IResult? For(Exception exception, long maxFileBytes) => exception switch
    {
        QuotaExceededException quota => new QuotaExceededResult(quota),
        UploadRejectedException rejected => Problem(rejected.StatusCode, rejected.Title, rejected.Message,
            rejected.Field is { } field ? FieldErrors(field, rejected.Message) : null),
        CsvInputException csv => Problem(
            csv.Kind switch
            {
                CsvProblemKind.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
                CsvProblemKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
                _ => StatusCodes.Status400BadRequest,
            },
            csv.Kind switch
            {
                CsvProblemKind.UnsupportedMediaType => "Not a CSV file",
                CsvProblemKind.TooLarge => "File too large",
                CsvProblemKind.UnknownSheet => "No such sheet",
                _ => "The CSV cannot be read",
            },
            csv.Message,
            csv.Kind == CsvProblemKind.UnknownSheet
                ? FieldErrors(JobUploadForm.SheetField, csv.Message)
                : WithFileError(csv.LineNumber is { } line ? new Dictionary<string, object?> { ["line"] = line } : [], csv.Message)),
        JobRejectedException job => Problem(StatusCodes.Status400BadRequest, job.Title,
            job.Message, WithFieldErrors(new Dictionary<string, object?> { ["problems"] = job.Problems }, job.FieldErrors)),
        JobConflictException conflict => Problem(StatusCodes.Status409Conflict,
            conflict.Status == JobStatus.Cancelled ? "The job was cancelled during its upload" : "The upload cannot go on", conflict.Message),
        ChunkConflictException chunk => Problem(StatusCodes.Status409Conflict, "The upload cannot go on", chunk.Message),
        WebhookUrlRejectedException webhook => Problem(StatusCodes.Status400BadRequest, "Bad webhookUrl", webhook.Message,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [WebhookUrlRejectedException.Field] = [webhook.Message] } }),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(maxFileBytes),
        InvalidDataException invalid when invalid.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => TooLarge(maxFileBytes),
        InvalidDataException invalid => Problem(StatusCodes.Status400BadRequest, "Malformed multipart request", invalid.Message),
        BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
        _ => null,
    };

    public static IResult TooLarge(long maxFileBytes)
    {
        var detail = $"The upload is over the {maxFileBytes / (1024 * 1024)} MiB limit. Split the file, or raise Upload__MaxFileBytes.";
        return Problem(StatusCodes.Status413PayloadTooLarge, "File too large", detail, FieldErrors(TemplateFieldErrors.FileField, detail));
    }

    /// <summary>
    /// <c>errors</c>: the messages by the upload form field they concern (<c>file</c>, <c>prompt</c>, …), in the shape
    /// of ASP.NET Core's validation problems, so a form can show each next to its field.
    /// </summary>
    private static Dictionary<string, object?> FieldErrors(string field, string message) =>
        new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };

    private static Dictionary<string, object?> WithFileError(Dictionary<string, object?> extensions, string message)
    {
        extensions["errors"] = new Dictionary<string, string[]> { [TemplateFieldErrors.FileField] = [message] };
        return extensions;
    }

    private static Dictionary<string, object?> WithFieldErrors(Dictionary<string, object?> extensions, IReadOnlyDictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            extensions["errors"] = errors;
        }

        return extensions;
    }

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
