using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>
/// Everything on which a typed client and an OpenAPI document disagree, both ways: routes and verbs, query and form
/// names, and the response records against the document's schemas.
/// </summary>
public static class ContractDrift
{
    /// <param name="document">The API's OpenAPI document.</param>
    /// <param name="client">The client's operations.</param>
    /// <param name="context">The client's JSON context (how it reads answers).</param>
    /// <param name="pathPrefix">The part of the API the client covers.</param>
    /// <param name="notInClient">Operations ("VERB /path") the client leaves out on purpose.</param>
    public static IReadOnlyList<string> Find(
        JsonNode document, IReadOnlyList<ClientOperation> client, JsonSerializerContext context, string pathPrefix, IReadOnlySet<string> notInClient)
    {
        var problems = new List<string>();
        var documented = OpenApiOperation.ReadAll(document)
            .Where(o => o.Path == pathPrefix || o.Path.StartsWith(pathPrefix + "/", StringComparison.Ordinal))
            .ToDictionary(o => o.Key, StringComparer.Ordinal);
        var schemas = new SchemaComparer(document, context);

        foreach (var method in client)
        {
            if (!documented.TryGetValue(method.Key, out var operation))
            {
                problems.Add($"{method.Method}: {method.Key} is not in the document");
                continue;
            }

            Names(problems, method, "query parameter", method.QueryParameters, operation.QueryParameters);
            Names(problems, method, "form field", method.FormFields.ToHashSet(StringComparer.Ordinal), operation.FormFields ?? new HashSet<string>());
            if (method.ResponseType is { } answer)
            {
                if (operation.JsonResponse is { } schema)
                {
                    schemas.Compare(answer, schema, $"{method.Method} → {answer.Name}");
                }
                else
                {
                    problems.Add($"{method.Method}: reads {answer.Name}, but {method.Key} declares no JSON answer");
                }
            }
        }

        var covered = client.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(documented.Keys
            .Where(key => !covered.Contains(key) && !notInClient.Contains(key))
            .Select(key => $"{key} is in the document but the client has no method for it"));
        problems.AddRange(schemas.Problems);
        return problems;
    }

    private static void Names(List<string> problems, ClientOperation method, string kind, IReadOnlySet<string> client, IReadOnlySet<string> documented)
    {
        problems.AddRange(client.Except(documented).Select(name => $"{method.Method}: {kind} '{name}' is not in the document's {method.Key}"));
        problems.AddRange(documented.Except(client).Select(name => $"{method.Method}: the document's {method.Key} has {kind} '{name}', the client does not send it"));
    }
}
