using System.Text.Json.Nodes;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Tests.ClientSdk;

namespace PersonalizedLine.Tests.Auth;

/// <summary>
/// With <c>Auth__Mode=ApiKeys</c> the OpenAPI document declares the key (bearer or <c>X-Api-Key</c>, either one) on
/// every operation that needs it, so the API reference page can send one; and the typed client still matches it.
/// </summary>
[Collection(AuthApiCollection.Name)]
public sealed class OpenApiSecurityTests(AuthApiFixture api)
{
    [Fact]
    public async Task TheDocumentDeclaresBearerAndHeaderKeysOnEveryJobsOperationAndOnNothingOpen()
    {
        var document = await DocumentAsync();

        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("http", (string?)schemes["bearer"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["bearer"]!["scheme"]);
        Assert.Equal("apiKey", (string?)schemes["apiKeyHeader"]!["type"]);
        Assert.Equal("header", (string?)schemes["apiKeyHeader"]!["in"]);
        Assert.Equal("X-Api-Key", (string?)schemes["apiKeyHeader"]!["name"]);

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Verb: operation.Key, Operation: operation.Value!)))
            .ToList();
        var jobs = operations.Where(o => o.Path.StartsWith("/jobs", StringComparison.Ordinal)).ToList();
        Assert.True(jobs.Count >= 12, $"only {jobs.Count} /jobs operations in the document");
        Assert.All(jobs, o => Assert.Equal("[{\"bearer\":[]},{\"apiKeyHeader\":[]}]", o.Operation["security"]?.ToJsonString()));
        Assert.All(operations.Where(o => o.Path.StartsWith("/health", StringComparison.Ordinal)), o => Assert.Null(o.Operation["security"]));
    }

    [Fact]
    public async Task TheTypedClientStillMatchesTheDocumentWithKeys()
    {
        var problems = ContractDrift.Find(await DocumentAsync(), RefitContract.Read(typeof(IJobsApi)), PersonalizedLineJsonContext.Default, "/jobs",
            ClientContractTests.NotInClient.Keys.ToHashSet(StringComparer.Ordinal));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = api.Client(api.AdminKey);
        using var response = await client.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
