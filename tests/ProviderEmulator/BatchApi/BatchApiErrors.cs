using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The Files and Batches API's error answers, in OpenAI's wording.</summary>
internal static class BatchApiErrors
{
    public static Task InvalidRequestAsync(HttpContext context, string message, string? param = null) =>
        WriteAsync(context, 400, message, null, param);

    public static Task NotFoundAsync(HttpContext context, string message, string? param = null) =>
        WriteAsync(context, 404, message, null, param);

    /// <summary>What a provider without this API answers: its router knows no such URL.</summary>
    public static Task UnknownUrlAsync(HttpContext context) =>
        WriteAsync(context, 404, string.Create(CultureInfo.InvariantCulture, $"Invalid URL ({context.Request.Method} {context.Request.Path})"), null, null);

    public static Task ConflictAsync(HttpContext context, string message) => WriteAsync(context, 409, message, null, null);

    private static Task WriteAsync(HttpContext context, int status, string message, string? code, string? param) =>
        JsonResponses.WriteAsync(context, status, "application/json", OpenAiErrors.Body(message, "invalid_request_error", code, param));
}
