using System.Text.Json.Nodes;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Tests.Api;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>
/// The typed client against the API's own OpenAPI document, both ways: a route, verb, parameter or response property
/// renamed on either side fails here.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ClientContractTests(ApiFixture api)
{
    /// <summary>Operations the client leaves out on purpose, and why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotInClient = new Dictionary<string, string>
    {
        ["GET /jobs/{id}/events"] = "a Server-Sent Events stream for the web page; .NET programs follow a job with GetAsync",
    };

    private static readonly IReadOnlyList<ClientOperation> Client = RefitContract.Read(typeof(IJobsApi));

    [Fact]
    public async Task TheClientAndTheOpenApiDocumentAgree()
    {
        var problems = Find(await DocumentAsync());

        Assert.True(problems.Count == 0, "The typed client and the API drifted apart:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task TheClientCoversEveryJobsOperationAndReadsSchemasOfItsAnswers()
    {
        var document = await DocumentAsync();
        var operations = OpenApiOperation.ReadAll(document).Where(o => o.Path.StartsWith("/jobs", StringComparison.Ordinal)).ToList();

        // Guards against a check that passes on an empty document: every client method is matched, and the answers are declared.
        Assert.Equal(11, Client.Count);
        Assert.All(Client, method => Assert.Contains(operations, o => o.Key == method.Key));
        Assert.Equal(9, Client.Count(m => m.ResponseType is not null));
        Assert.All(Client.Where(m => m.ResponseType is not null), m => Assert.NotNull(operations.Single(o => o.Key == m.Key).JsonResponse));
        Assert.Equal(["prompt", "researchQuery", "model", "refreshResearch", "limit", "rowsPerRequest", "mode", "webhookUrl", "sheet", "file"],
            Client.Single(m => m.Method == nameof(IJobsApi.SubmitAsync)).FormFields);
        Assert.Equal(["format", "partial"], Client.Single(m => m.Method == nameof(IJobsApi.DownloadResultAsync)).QueryParameters.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("JobProgressResponse", "succeededRows", "JobProgress.succeededRows: in the client's JobProgress, not in the document")]
    [InlineData("UsageResponse", "totalTokens", "usage.totalTokens: in the client's JobUsage, not in the document")]
    [InlineData("JobSummaryResponse", "fileName", "fileName: in the client's JobSummary, not in the document")]
    public async Task APropertyRenamedInTheDocumentIsCaught(string schema, string property, string expected)
    {
        var document = await DocumentAsync();
        var properties = document["components"]!["schemas"]![schema]!["properties"]!.AsObject();
        var moved = properties[property]!.DeepClone();
        properties.Remove(property);
        properties[property + "Renamed"] = moved;

        var problems = Find(document);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains($"{property}Renamed: in the document, not in the client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARouteRenamedInTheDocumentIsCaughtBothWays()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        var cancel = paths["/jobs/{id}/cancel"]!.DeepClone();
        paths.Remove("/jobs/{id}/cancel");
        paths["/jobs/{id}/stop"] = cancel;

        var problems = Find(document);

        Assert.Contains("CancelAsync: POST /jobs/{id}/cancel is not in the document", problems);
        Assert.Contains("POST /jobs/{id}/stop is in the document but the client has no method for it", problems);
    }

    [Fact]
    public async Task AChangedTypeOrEnumValueOrQueryNameIsCaught()
    {
        var document = await DocumentAsync();
        var schemas = document["components"]!["schemas"]!;
        schemas["JobListResponse"]!["properties"]!["total"] = new JsonObject { ["type"] = "string" };
        schemas["JobStatus"]!["enum"]!.AsArray().Add("archived");
        var list = document["paths"]!["/jobs"]!["get"]!["parameters"]!.AsArray();
        list.Single(p => (string?)p!["name"] == "offset")!["name"] = "skip";

        var problems = Find(document);

        Assert.Contains(problems, p => p.Contains("JobList.total: the client reads integer (Int32), the document says string", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("archived", StringComparison.Ordinal) && p.Contains("JobStatus", StringComparison.Ordinal));
        Assert.Contains("ListAsync: query parameter 'offset' is not in the document's GET /jobs", problems);
        Assert.Contains("ListAsync: the document's GET /jobs has query parameter 'skip', the client does not send it", problems);
    }

    private static IReadOnlyList<string> Find(JsonNode document) => ContractDrift.Find(
        document, Client, PersonalizedLineJsonContext.Default, "/jobs", NotInClient.Keys.ToHashSet(StringComparer.Ordinal));

    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await api.Http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
