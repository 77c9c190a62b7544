using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// Reads a multipart job upload section by section, straight off the request body: the file part is handed to
/// the submitter as a stream and never lands in memory or on disk. Because the file is processed as it arrives,
/// the text parts (prompt, researchQuery, model, refreshResearch, limit, rowsPerRequest, mode, webhookUrl, sheet) must come before it, as many upload APIs
/// require. Submitting and estimating read the same form, with the same rules and errors.
/// </summary>
/// <param name="request">The upload.</param>
/// <param name="maxFileBytes">The file part's limit.</param>
/// <param name="webhooks">Checks a <c>webhookUrl</c> before the job is created or estimated.</param>
public sealed class MultipartJobUpload(HttpRequest request, long maxFileBytes, WebhookUrlValidator webhooks)
{
    private const int MaxFieldBytes = 64 * 1024;
    private const string FileFieldName = "file";

    public Task<JobProgress> SubmitAsync(
        JobSubmitter submitter, CancellationToken cancellationToken, string tenant = Tenants.Default, Func<long, CancellationToken, Task>? admitRows = null) =>
        ReadAsync((file, job, afterFile, token) => submitter.SubmitAsync(file, job, afterFile, token, tenant, admitRows), cancellationToken);

    public Task<JobEstimate> EstimateAsync(JobEstimator estimator, CancellationToken cancellationToken) =>
        ReadAsync(async (file, job, afterFile, token) =>
        {
            var estimate = await estimator.EstimateAsync(file, job, token);
            await afterFile(token);
            return estimate;
        }, cancellationToken);

    /// <param name="onFile">
    /// Takes the file part as it streams in, the request, and a check that rejects form parts after the file (to run
    /// once the file has been read).
    /// </param>
    /// <param name="cancellationToken">The client went away.</param>
    private async Task<T> ReadAsync<T>(
        Func<Stream, JobRequest, Func<CancellationToken, Task>, CancellationToken, Task<T>> onFile, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(ReadBoundary(), request.Body) { BodyLengthLimit = maxFileBytes };
        var form = new JobUploadForm();
        foreach (var (key, value) in request.Query)
        {
            if (JobUploadForm.FieldNames.Contains(key))
            {
                form.Set(key, value.ToString());
            }
        }

        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var (name, fileName) = ReadDisposition(section);
            if (name.Equals(FileFieldName, StringComparison.OrdinalIgnoreCase))
            {
                var webhookUrl = string.IsNullOrWhiteSpace(form.WebhookUrl)
                    ? null
                    : (await webhooks.ValidateAsync(form.WebhookUrl, cancellationToken)).AbsoluteUri;
                var job = new JobRequest(fileName ?? "upload.csv", form.Prompt, form.ResearchQuery, form.Model, form.RefreshResearch, form.RowLimit(),
                    form.RowsPerRequest(), form.Mode(), webhookUrl, string.IsNullOrWhiteSpace(form.Sheet) ? null : form.Sheet);
                return await onFile(section.Body, job, token => RejectPartsAfterFileAsync(reader, token), cancellationToken);
            }

            if (!JobUploadForm.FieldNames.Contains(name))
            {
                throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Unknown form part",
                    $"The form has a part named '{name}'. Expected 'file' (the CSV or .xlsx) and optionally 'prompt', 'researchQuery', 'model', 'refreshResearch', 'limit', 'rowsPerRequest', 'mode', 'webhookUrl' and 'sheet'.", name);
            }

            form.Set(name, await ReadFieldAsync(section, name, cancellationToken));
        }

        throw new UploadRejectedException(StatusCodes.Status400BadRequest, "No file",
            "The form has no part named 'file'. Send the CSV as a file part, e.g. curl -F file=@leads.csv http://localhost:5000/jobs", FileFieldName);
    }

    private string ReadBoundary()
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new UploadRejectedException(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data",
                $"The request's content type is '{request.ContentType ?? "none"}'. Upload the CSV as multipart/form-data with a part named 'file', e.g. curl -F file=@leads.csv http://localhost:5000/jobs");
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Malformed multipart request",
                "The multipart/form-data content type has no boundary.");
        }

        return boundary;
    }

    private static (string Name, string? FileName) ReadDisposition(MultipartSection section)
    {
        if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || disposition.Name.Value is not { Length: > 0 } name)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Malformed multipart request",
                "A form part has no name. Name the CSV part 'file'.");
        }

        var fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value;
        return (HeaderUtilities.RemoveQuotes(name).Value ?? name, HeaderUtilities.RemoveQuotes(fileName).Value);
    }

    private static async Task<string> ReadFieldAsync(MultipartSection section, string name, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await section.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxFieldBytes)
        {
            throw new UploadRejectedException(StatusCodes.Status413PayloadTooLarge, "Form field too large",
                $"The '{name}' part is over {MaxFieldBytes / 1024} KiB. Shorten it.", name);
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static async Task RejectPartsAfterFileAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            var (name, _) = ReadDisposition(section);
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Form part after the file",
                $"The '{name}' part comes after 'file'. The CSV is processed as it streams in, so send 'prompt', 'researchQuery', 'model', 'refreshResearch', 'limit', 'rowsPerRequest', 'mode', 'webhookUrl' and 'sheet' before 'file' (or as query parameters).");
        }
    }
}
