using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary><c>POST /search</c> in Serper's wire format.</summary>
internal sealed class SearchEndpoint(EndpointBehavior behavior, EmulatorOptions options, EmulatorClock clock)
{
    private const string GarbageBody = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    public async Task HandleAsync(HttpContext context)
    {
        var body = await EmulatorRequests.ReadBodyAsync(context).ConfigureAwait(false);
        var request = Parse(body);
        var key = context.Request.Headers["X-API-KEY"].ToString();
        var authorized = !string.IsNullOrWhiteSpace(key) && (options.SearchApiKey is null || key == options.SearchApiKey);
        QuotaCharge? charge = authorized ? new QuotaCharge(key, 0, CountsTokens: false) : null;
        var fault = behavior.Arrive(clock.Elapsed, request.Query, body, key.Length == 0 ? null : key, charge, out _, out var quota);
        try
        {
            if (quota.Rejected)
            {
                // Turned away at the door, without the time an answer takes; Serper's own burst answer has no Retry-After.
                if (quota.Policy!.SendRetryAfter)
                {
                    EmulatorRequests.AddRetryAfter(context, quota.RetryAfter);
                }

                await WriteErrorAsync(context, 429, "Too many requests").ConfigureAwait(false);
                return;
            }

            if (!await EmulatorRequests.WaitAsync(context, behavior, clock, fault).ConfigureAwait(false))
            {
                return;
            }

            if (!authorized)
            {
                // Serper's exact answer to a missing or wrong key.
                await WriteErrorAsync(context, 403, "Unauthorized.").ConfigureAwait(false);
                return;
            }

            await AnswerAsync(context, request, fault).ConfigureAwait(false);
        }
        finally
        {
            behavior.Leave();
        }
    }

    private static Task AnswerAsync(HttpContext context, SearchRequest request, Fault? fault)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                EmulatorRequests.AddFaultHeaders(context, fault);
                return fault.Body is null
                    ? WriteErrorAsync(context, fault.StatusCode, $"Emulated failure {fault.StatusCode}.")
                    : JsonResponses.WriteRawAsync(context, fault.StatusCode, "application/json", fault.Body);
            case FaultKind.RateLimited:
                EmulatorRequests.AddRateLimitHeaders(context, fault);
                return WriteErrorAsync(context, 429, "Too many requests, slow down.");
            case FaultKind.Garbage:
                return JsonResponses.WriteRawAsync(context, 200, "application/json", GarbageBody);
            case FaultKind.EmptyContent:
                return JsonResponses.WriteJsonAsync(context, 200, w => WriteResults(w, request, description: null, organicCount: 0));
            case FaultKind.Content:
                return JsonResponses.WriteJsonAsync(context, 200, w => WriteResults(w, request, fault.Text, organicCount: 1));
            default:
                var count = Math.Clamp(request.Results, 1, 3);
                return JsonResponses.WriteJsonAsync(context, 200, w => WriteResults(w, request, DefaultAnswers.DescriptionFor(request.Query), count));
        }
    }

    private static void WriteResults(Utf8JsonWriter w, SearchRequest request, string? description, int organicCount)
    {
        var slug = DefaultAnswers.Slug(request.Query);
        w.WriteStartObject();
        w.WriteStartObject("searchParameters");
        w.WriteString("q", request.Query);
        w.WriteString("gl", request.Country);
        w.WriteString("hl", request.Language);
        w.WriteNumber("num", request.Results);
        w.WriteString("type", "search");
        w.WriteString("engine", "google");
        w.WriteEndObject();
        if (description is not null)
        {
            w.WriteStartObject("knowledgeGraph");
            w.WriteString("title", request.Query);
            w.WriteString("type", "Company");
            w.WriteString("website", $"https://{slug}.example");
            w.WriteString("description", description);
            w.WriteEndObject();
        }

        w.WriteStartArray("organic");
        for (var i = 1; i <= organicCount; i++)
        {
            w.WriteStartObject();
            w.WriteString("title", $"{request.Query} - result {i}");
            w.WriteString("link", $"https://{slug}.example/page-{i}");
            w.WriteString("snippet", i == 1 && description is not null ? description : $"Result {i} about {request.Query}.");
            w.WriteNumber("position", i);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("credits", 1);
        w.WriteEndObject();
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string message) =>
        JsonResponses.WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("message", message);
            w.WriteNumber("statusCode", status);
            w.WriteEndObject();
        });

    private static SearchRequest Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return new SearchRequest(
                EmulatorRequests.GetString(root, "q") ?? string.Empty,
                EmulatorRequests.GetString(root, "gl") ?? "us",
                EmulatorRequests.GetString(root, "hl") ?? "en",
                root.TryGetProperty("num", out var num) && num.TryGetInt32(out var n) ? n : 10);
        }
        catch (JsonException)
        {
            return new SearchRequest(string.Empty, "us", "en", 10);
        }
    }

    private sealed record SearchRequest(string Query, string Country, string Language, int Results);
}
