using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

/// <summary>Who can call what with <c>Auth__Mode=ApiKeys</c>: keys, tenants and admin pages, endpoint by endpoint.</summary>
[Collection(AuthApiCollection.Name)]
public sealed class AuthMatrixTests(AuthApiFixture api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>Every endpoint behind a key; {id} is a job of acme's.</summary>
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/jobs" },
        { "POST", "/jobs" },
        { "POST", "/jobs/estimate" },
        { "GET", "/jobs/{id}" },
        { "GET", "/jobs/{id}/result" },
        { "GET", "/jobs/{id}/events" },
        { "GET", "/jobs/{id}/rows" },
        { "POST", "/jobs/{id}/cancel" },
        { "POST", "/jobs/{id}/pause" },
        { "POST", "/jobs/{id}/resume" },
        { "POST", "/jobs/{id}/retry" },
        { "DELETE", "/jobs/{id}" },
        { "GET", "/dashboard/" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/scalar" },
        { "GET", "/metrics" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task NoKeyABadKeyAndARevokedKeyAreAnswered401OnEveryEndpoint(string method, string path)
    {
        var id = await SubmitAsync(api.AcmeKey);
        var url = path.Replace("{id}", id);
        foreach (var (name, key) in new[] { ("no key", null), ("unknown key", "pl_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), ("not a key", "hello"), ("revoked key", api.RevokedKey) })
        {
            using var client = api.Client(key);
            using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} with {name}: {(int)response.StatusCode}");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await ReadJsonAsync(response);
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Equal(key is null ? "API key required" : "Invalid API key", problem.GetProperty("title").GetString());
        }

        await AssertCompletedWithRowsAsync(id, 3);
    }

    [Fact]
    public async Task AnotherTenantsJobIsNotFoundOnEveryEndpointAndStaysUntouched()
    {
        var id = await SubmitAsync(api.AcmeKey);
        await AssertCompletedWithRowsAsync(id, 3);
        using var globex = api.Client(api.GlobexKey);
        var missing = Guid.NewGuid().ToString("N");

        foreach (var (method, path) in new[]
                 {
                     ("GET", "/jobs/{id}"), ("GET", "/jobs/{id}/result"), ("GET", "/jobs/{id}/result?partial=true"),
                     ("GET", "/jobs/{id}/events"), ("GET", "/jobs/{id}/rows"),
                     ("POST", "/jobs/{id}/cancel"), ("POST", "/jobs/{id}/pause"), ("POST", "/jobs/{id}/resume"),
                     ("POST", "/jobs/{id}/retry"), ("DELETE", "/jobs/{id}"),
                 })
        {
            var (foreignStatus, foreignBody) = await SendAsync(globex, method, path.Replace("{id}", id));
            var (missingStatus, missingBody) = await SendAsync(globex, method, path.Replace("{id}", missing));

            Assert.True(foreignStatus == HttpStatusCode.NotFound, $"{method} {path} on acme's job as globex: {(int)foreignStatus} {foreignBody}");
            Assert.Equal(HttpStatusCode.NotFound, missingStatus);
            // Word for word what a job that does not exist gets: the answer does not confirm the id.
            Assert.Equal(Normalize(missingBody, missing), Normalize(foreignBody, id));
        }

        await AssertCompletedWithRowsAsync(id, 3);
    }

    [Fact]
    public async Task ATenantsBatchModeJobCompletesUnderItsComposedKey()
    {
        using var acme = api.Client(api.AcmeKey);
        using var upload = JobUploads.Csv(LeadFiles.Csv(3), "batch.csv", ("mode", "batch"));
        using var response = await acme.PostAsync("/jobs", upload);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        Assert.Equal("batch", JsonDocument.Parse(body).RootElement.GetProperty("mode").GetString());

        // Chunks, the provider batch (custom_id, file name) and the download all derive from the key "acme:{id}".
        await AssertCompletedWithRowsAsync(id, 3);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(api.Client(api.GlobexKey), "GET", $"/jobs/{id}")).Status);
    }

    [Fact]
    public async Task TheDefaultTenantCannotNameAnotherTenantsJobByItsStoredKey()
    {
        var id = await SubmitAsync(api.AcmeKey);
        using var defaultTenant = api.Client(await api.KeyForAsync("default"));

        var (status, _) = await SendAsync(defaultTenant, "GET", $"/jobs/acme:{id}");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task EachTenantListsOnlyItsOwnJobs()
    {
        var acmeJob = await SubmitAsync(api.AcmeKey);
        var globexJob = await SubmitAsync(api.GlobexKey);

        var acmeIds = await ListIdsAsync(api.AcmeKey);
        var globexIds = await ListIdsAsync(api.GlobexKey);

        Assert.Contains(acmeJob, acmeIds);
        Assert.DoesNotContain(globexJob, acmeIds);
        Assert.Contains(globexJob, globexIds);
        Assert.DoesNotContain(acmeJob, globexIds);
        Assert.Empty(acmeIds.Intersect(globexIds));
    }

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/metrics")]
    public async Task AdminPagesNeedAnAdminKey(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(api.Client(null), "GET", path)).Status);
        var (forbidden, body) = await SendAsync(api.Client(api.AcmeKey), "GET", path);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Contains("admin key", body);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Client(api.AdminKey), "GET", path)).Status);
    }

    [Fact]
    public async Task ABrowserOpensTheDashboardWithTheAdminKeyAsBasicPassword()
    {
        using var anonymous = api.Client(null);
        using var challenged = await anonymous.GetAsync("/dashboard/");
        Assert.Equal(["Bearer", "Basic"], challenged.Headers.WwwAuthenticate.Select(header => header.Scheme));
        using var jobsChallenge = await anonymous.GetAsync("/jobs");
        Assert.Equal(["Bearer"], jobsChallenge.Headers.WwwAuthenticate.Select(header => header.Scheme));

        foreach (var (key, expected) in new[] { (api.AdminKey, HttpStatusCode.OK), (api.AcmeKey, HttpStatusCode.Forbidden), (api.RevokedKey, HttpStatusCode.Unauthorized) })
        {
            using var client = api.Client(null);
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"anyone:{key}")));
            Assert.Equal(expected, (await SendAsync(client, "GET", "/dashboard/")).Status);
        }
    }

    [Fact]
    public async Task HealthStaysOpenAndTheKeyMayComeAsXApiKey()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(api.Client(null), "GET", "/health/live")).Status);

        using var client = api.Client(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", api.GlobexKey);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, "GET", "/jobs")).Status);
    }

    private async Task<string> SubmitAsync(string key)
    {
        using var client = api.Client(key);
        using var upload = JobUploads.Csv(LeadFiles.Csv(3));
        using var response = await client.PostAsync("/jobs", upload);
        var body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        var id = body.GetProperty("id").GetString()!;
        Assert.DoesNotContain(":", id);
        Assert.Equal($"/jobs/{id}", response.Headers.Location?.ToString());
        return id;
    }

    /// <summary>The job, as its owner sees it, ends completed with all its rows in the result.</summary>
    private async Task AssertCompletedWithRowsAsync(string id, int rows)
    {
        using var acme = api.Client(api.AcmeKey);
        var calls = new JobsApiCalls(acme, Deadline);
        var job = await calls.WaitForStatusAsync(id, "completed");
        Assert.Equal(rows, job.GetProperty("succeededRows").GetInt32());
        var result = await calls.GetResultAsync(id);
        Assert.Equal(rows, result.Rows.Count);
    }

    private async Task<List<string>> ListIdsAsync(string key)
    {
        using var client = api.Client(key);
        var jobs = await new JobsApiCalls(client, Deadline).ListAllAsync();
        return jobs.Select(job => job.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpClient client, string method, string url)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The body with the id asked for and the trace id taken out.</summary>
    private static string Normalize(string body, string id)
    {
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(body)!;
        json.Remove("traceId");
        return JsonSerializer.Serialize(json).Replace(id, "{id}");
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
