using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>Maps OpenAI's Files and Batches API under <c>/v1</c>, every endpoint behind <see cref="BatchApiGate"/>.</summary>
internal static class BatchApiRoutes
{
    public static void MapBatchApi(this IEndpointRouteBuilder app, BatchBehavior behavior, EmulatorOptions options, EmulatorClock clock)
    {
        var gate = new BatchApiGate(behavior, options);
        var files = new FilesEndpoint(behavior);
        var batches = new BatchesEndpoint(behavior, new BatchWorker(behavior), clock);
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/files", gate.Guard(files.UploadAsync));
        v1.MapGet("/files", gate.Guard(files.ListAsync));
        v1.MapGet("/files/{id}", gate.Guard(files.GetAsync));
        v1.MapGet("/files/{id}/content", gate.Guard(files.ContentAsync));
        v1.MapDelete("/files/{id}", gate.Guard(files.DeleteAsync));
        v1.MapPost("/batches", gate.Guard(batches.CreateAsync));
        v1.MapGet("/batches", gate.Guard(batches.ListAsync));
        v1.MapGet("/batches/{id}", gate.Guard(batches.GetAsync));
        v1.MapPost("/batches/{id}/cancel", gate.Guard(batches.CancelAsync));
    }
}
