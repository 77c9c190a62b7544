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
        UploadRejectedException rejected => Problem(rejected.StatusCode, rejected.Title, rejected.Message),
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
                _ => "The CSV cannot be read",
            },
            csv.Message,
            csv.LineNumber is { } line ? new Dictionary<string, object?> { ["line"] = line } : null),
        JobRejectedException job => Problem(StatusCodes.Status400BadRequest, job.Title,
            job.Message, new Dictionary<string, object?> { ["problems"] = job.Problems }),
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

    public static IResult TooLarge(long maxFileBytes) => Problem(StatusCodes.Status413PayloadTooLarge, "File too large",
        $"The upload is over the {maxFileBytes / (1024 * 1024)} MiB limit. Split the file, or raise Upload__MaxFileBytes.");

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
