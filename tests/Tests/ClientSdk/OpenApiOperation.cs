using System.Text.Json.Nodes;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>One operation of the OpenAPI document, with the parts the client depends on.</summary>
/// <param name="Verb">Upper-case HTTP method.</param>
/// <param name="Path">The route template.</param>
/// <param name="QueryParameters">Query parameter names.</param>
/// <param name="FormFields">Property names of the multipart/form-data body; null when there is none.</param>
/// <param name="JsonResponse">The success answer's application/json schema; null when it declares none.</param>
public sealed record OpenApiOperation(
    string Verb,
    string Path,
    IReadOnlySet<string> QueryParameters,
    IReadOnlySet<string>? FormFields,
    JsonNode? JsonResponse)
{
    public string Key => $"{Verb} {Path}";

    public static IEnumerable<OpenApiOperation> ReadAll(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                if (verb is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var query = (operation!["parameters"]?.AsArray() ?? [])
                    .Where(p => (string?)p!["in"] == "query")
                    .Select(p => (string)p!["name"]!)
                    .ToHashSet(StringComparer.Ordinal);
                var form = operation["requestBody"]?["content"]?["multipart/form-data"]?["schema"]?["properties"]?.AsObject()
                    .Select(p => p.Key)
                    .ToHashSet(StringComparer.Ordinal);
                var success = operation["responses"]?.AsObject()
                    .Where(r => r.Key.StartsWith('2'))
                    .Select(r => r.Value?["content"]?["application/json"]?["schema"])
                    .FirstOrDefault(schema => schema is not null);
                yield return new OpenApiOperation(verb.ToUpperInvariant(), path, query, form, success);
            }
        }
    }
}
