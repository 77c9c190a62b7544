using System.Text.Json.Nodes;

namespace PersonalizedLine.Tests.Api;

/// <summary>A server without keys (<c>Auth__Mode=None</c>) declares no security in its OpenAPI document: it needs none.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiWithoutKeysTests(ApiFixture api)
{
    [Fact]
    public async Task TheDocumentDeclaresNoKeys()
    {
        using var response = await api.Http.GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.NotNull(document["paths"]!["/jobs"]);
        Assert.Null(document["components"]?["securitySchemes"]);
        Assert.DoesNotContain("\"security\"", document.ToJsonString(), StringComparison.Ordinal);
    }
}
