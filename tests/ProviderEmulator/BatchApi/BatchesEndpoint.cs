using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>OpenAI's <c>/v1/batches</c>: create, retrieve, list and cancel, over <c>/v1/chat/completions</c> requests.</summary>
internal sealed class BatchesEndpoint(BatchBehavior behavior, BatchWorker worker, EmulatorClock clock)
{
    private const string ChatEndpoint = "/v1/chat/completions";

    /// <summary><c>POST /v1/batches</c> with <c>input_file_id</c>, <c>endpoint</c>, <c>completion_window</c> and optional <c>metadata</c>.</summary>
    public async Task CreateAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await BatchApiErrors.InvalidRequestAsync(context, "We could not parse the JSON body of your request.").ConfigureAwait(false);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var inputFileId = EmulatorRequests.GetString(root, "input_file_id");
            var endpoint = EmulatorRequests.GetString(root, "endpoint");
            var window = EmulatorRequests.GetString(root, "completion_window");
            var problem = inputFileId is null ? ("Missing required parameter: 'input_file_id'.", "input_file_id")
                : endpoint != ChatEndpoint ? ($"Invalid value for 'endpoint': '{endpoint}'. Supported: '{ChatEndpoint}'.", "endpoint")
                : window != "24h" ? ($"Invalid value for 'completion_window': '{window}'. Supported: '24h'.", "completion_window")
                : !TryReadMetadata(root, out _) ? ("Invalid value for 'metadata': expected an object of string values.", "metadata")
                : ((string Message, string Param)?)null;
            if (problem is { } invalid)
            {
                await BatchApiErrors.InvalidRequestAsync(context, invalid.Message, invalid.Param).ConfigureAwait(false);
                return;
            }

            var file = behavior.Files.Find(inputFileId!);
            if (file is null)
            {
                await BatchApiErrors.NotFoundAsync(context, $"No such File object: {inputFileId}", "input_file_id").ConfigureAwait(false);
                return;
            }

            if (file.Purpose != StoredFile.BatchPurpose)
            {
                await BatchApiErrors.InvalidRequestAsync(context, $"File {file.Id} has purpose '{file.Purpose}'; a batch needs 'batch'.", "input_file_id")
                    .ConfigureAwait(false);
                return;
            }

            TryReadMetadata(root, out var metadata);
            var input = BatchInputReader.Read(file.Content, endpoint!);
            // An input that fails validation fails on its own; a scripted outcome waits for the next batch.
            var batch = new EmulatedBatch(OpenAiIds.New("batch_"), behavior.Batches.NextSequence(), file.Id, endpoint!, metadata, input,
                behavior.Times, input.IsValid ? behavior.NextOutcome() : null, clock.Elapsed);
            behavior.Batches.Add(batch);
            behavior.CountCreated();
            await WriteAsync(context, batch).ConfigureAwait(false);
        }
    }

    /// <summary><c>GET /v1/batches/{id}</c>.</summary>
    public Task GetAsync(HttpContext context) =>
        Find(context) is { } batch ? WriteAsync(context, batch) : NotFoundAsync(context);

    /// <summary><c>GET /v1/batches?limit=N&amp;after=batch_…</c>, newest first (limit 1 to 100, default 20).</summary>
    public Task ListAsync(HttpContext context)
    {
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked)
            ? Math.Clamp(asked, 1, 100)
            : 20;
        var after = context.Request.Query["after"].ToString();
        var batches = behavior.Batches.List(after.Length == 0 ? null : after);
        var now = clock.Elapsed;
        var page = batches.Take(limit).Select(b => b.Observe(now, worker)).ToList();
        return JsonResponses.WriteJsonAsync(context, 200, w => BatchApiJson.WriteList(w, page, b => b.Id, batches.Count > limit, BatchApiJson.WriteBatch));
    }

    /// <summary>
    /// <c>POST /v1/batches/{id}/cancel</c>: a validating or in-progress batch turns <c>cancelling</c>, then <c>cancelled</c>
    /// after <see cref="BatchBehavior.FinalizingTime"/>, keeping the answers it already has; any other status is a 409.
    /// </summary>
    public async Task CancelAsync(HttpContext context)
    {
        if (Find(context) is not { } batch)
        {
            await NotFoundAsync(context).ConfigureAwait(false);
            return;
        }

        if (!batch.TryCancel(clock.Elapsed, out var status, out var firstCancel))
        {
            await BatchApiErrors.ConflictAsync(context, $"Cannot cancel a batch with status '{BatchStatusNames.Of(status)}'.").ConfigureAwait(false);
            return;
        }

        if (firstCancel)
        {
            behavior.CountCancelled();
        }

        await WriteAsync(context, batch).ConfigureAwait(false);
    }

    private Task WriteAsync(HttpContext context, EmulatedBatch batch)
    {
        var snapshot = batch.Observe(clock.Elapsed, worker);
        return JsonResponses.WriteJsonAsync(context, 200, w => BatchApiJson.WriteBatch(w, snapshot));
    }

    private EmulatedBatch? Find(HttpContext context) => behavior.Batches.Find(BatchId(context));

    private static string BatchId(HttpContext context) => context.Request.RouteValues["id"]?.ToString() ?? string.Empty;

    private static Task NotFoundAsync(HttpContext context) =>
        BatchApiErrors.NotFoundAsync(context, $"No such Batch object: {BatchId(context)}", "batch_id");

    private static bool TryReadMetadata(JsonElement root, out IReadOnlyDictionary<string, string>? metadata)
    {
        metadata = null;
        if (!root.TryGetProperty("metadata", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        metadata = element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        return true;
    }
}
