using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>OpenAI's <c>/v1/files</c>: upload (purpose <c>batch</c> only), list, read, download and delete.</summary>
internal sealed class FilesEndpoint(BatchBehavior behavior)
{
    /// <summary><c>POST /v1/files</c>, multipart/form-data with <c>purpose</c> and <c>file</c>; the file is read as a stream.</summary>
    public async Task UploadAsync(HttpContext context)
    {
        // Batch input files run to hundreds of megabytes, past Kestrel's 30 MB default.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = null;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary) is not { Length: > 0 } boundary)
        {
            await BatchApiErrors.InvalidRequestAsync(context, "Expected a multipart/form-data body with the fields 'purpose' and 'file'.")
                .ConfigureAwait(false);
            return;
        }

        string? purpose = null, filename = null;
        byte[]? content = null;
        try
        {
            var reader = new MultipartReader(boundary.Value!, context.Request.Body);
            while (await reader.ReadNextSectionAsync(context.RequestAborted).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (name == "file")
                {
                    var sent = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    filename = string.IsNullOrWhiteSpace(sent) ? "file" : sent;
                    using var buffer = new MemoryStream();
                    await section.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
                    content = buffer.ToArray();
                }
                else if (name == "purpose")
                {
                    using var text = new StreamReader(section.Body);
                    purpose = (await text.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false)).Trim();
                }
            }
        }
        catch (InvalidDataException e)
        {
            await BatchApiErrors.InvalidRequestAsync(context, $"The multipart body cannot be read: {e.Message}").ConfigureAwait(false);
            return;
        }

        if (purpose != StoredFile.BatchPurpose)
        {
            var problem = purpose is null ? "Missing required parameter: 'purpose'." : $"Invalid purpose '{purpose}': this API accepts only 'batch'.";
            await BatchApiErrors.InvalidRequestAsync(context, problem, "purpose").ConfigureAwait(false);
            return;
        }

        if (content is null)
        {
            await BatchApiErrors.InvalidRequestAsync(context, "Missing required parameter: 'file'.", "file").ConfigureAwait(false);
            return;
        }

        var file = behavior.Files.Add(filename!, purpose, content);
        behavior.CountUpload(content.Length);
        await JsonResponses.WriteJsonAsync(context, 200, w => BatchApiJson.WriteFile(w, file)).ConfigureAwait(false);
    }

    /// <summary><c>GET /v1/files</c>, newest first, optionally <c>?purpose=</c>.</summary>
    public Task ListAsync(HttpContext context)
    {
        var purpose = context.Request.Query["purpose"].ToString();
        var files = behavior.Files.List(purpose.Length == 0 ? null : purpose);
        return JsonResponses.WriteJsonAsync(context, 200, w => BatchApiJson.WriteList(w, files, f => f.Id, hasMore: false, BatchApiJson.WriteFile));
    }

    /// <summary><c>GET /v1/files/{id}</c>.</summary>
    public Task GetAsync(HttpContext context) =>
        Find(context) is { } file
            ? JsonResponses.WriteJsonAsync(context, 200, w => BatchApiJson.WriteFile(w, file))
            : NotFoundAsync(context);

    /// <summary><c>GET /v1/files/{id}/content</c>: the bytes as uploaded or written.</summary>
    public Task ContentAsync(HttpContext context) =>
        Find(context) is { } file
            ? JsonResponses.WriteAsync(context, 200, "application/octet-stream", file.Content)
            : NotFoundAsync(context);

    /// <summary><c>DELETE /v1/files/{id}</c>: <c>{"id":…,"object":"file","deleted":true}</c>.</summary>
    public Task DeleteAsync(HttpContext context)
    {
        var id = FileId(context);
        return behavior.Files.Remove(id)
            ? JsonResponses.WriteJsonAsync(context, 200, w =>
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("object", "file");
                w.WriteBoolean("deleted", true);
                w.WriteEndObject();
            })
            : NotFoundAsync(context);
    }

    private StoredFile? Find(HttpContext context) => behavior.Files.Find(FileId(context));

    private static string FileId(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? string.Empty;

    private static Task NotFoundAsync(HttpContext context) =>
        BatchApiErrors.NotFoundAsync(context, $"No such File object: {FileId(context)}", "id");
}
