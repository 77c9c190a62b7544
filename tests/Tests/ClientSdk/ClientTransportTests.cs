using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Client.Sdk.Models;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>What the client puts on the wire, against a scripted handler: the key, and which requests it retries.</summary>
public sealed class ClientTransportTests
{
    [Fact]
    public async Task TheApiKeyIsSentAsABearerToken()
    {
        var server = new ScriptedHandler(HttpStatusCode.OK, """{"jobs":[],"total":0,"limit":20,"offset":0,"next":null}""");
        using var client = PersonalizedLineClient.Create(new Uri("http://server.test"), "pl_secret", http => http.ConfigurePrimaryHttpMessageHandler(() => server));

        var page = await client.Jobs.ListAsync();

        Assert.Empty(page.Jobs);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer pl_secret", request.Authorization);
        Assert.Equal("http://server.test/jobs", request.Url);
    }

    [Fact]
    public async Task WithoutAKeyNoAuthorizationHeaderIsSent()
    {
        var server = new ScriptedHandler(HttpStatusCode.OK, """{"jobs":[],"total":0,"limit":5,"offset":10,"next":null}""");
        using var client = PersonalizedLineClient.Create(new Uri("http://server.test"), configure: http => http.ConfigurePrimaryHttpMessageHandler(() => server));

        await client.Jobs.ListAsync(limit: 5, offset: 10);

        var request = Assert.Single(server.Requests);
        Assert.Null(request.Authorization);
        Assert.Equal("http://server.test/jobs?limit=5&offset=10", request.Url);
    }

    [Fact]
    public async Task ReadsAreRetriedOnTransientFailuresButTheUploadIsSentOnce()
    {
        const string problem = """{"title":"Cluster unavailable","status":503,"detail":"No silo answered."}""";
        var server = new ScriptedHandler(HttpStatusCode.ServiceUnavailable, problem);
        using var client = PersonalizedLineClient.Create(new Uri("http://server.test"), configure: http => http.ConfigurePrimaryHttpMessageHandler(() => server));
        var input = Path.GetTempFileName();
        await File.WriteAllTextAsync(input, "first_name,company\nAda,Stripe\n");
        try
        {
            var read = await Assert.ThrowsAsync<PersonalizedLineApiException>(() => client.Jobs.GetAsync("job-1"));
            var reads = server.Requests.Count;
            var upload = await Assert.ThrowsAsync<PersonalizedLineApiException>(() => client.Jobs.SubmitFileAsync(input, new JobOptions(Mode: JobMode.Batch)));

            Assert.Equal(1 + ClientResilience.ReadRetries, reads);
            Assert.Equal(reads + 1, server.Requests.Count);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Cluster unavailable", "No silo answered."), (read.StatusCode, read.Title, read.Detail));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, upload.StatusCode);
            var sent = server.Requests[^1];
            Assert.Equal("POST", sent.Method);

            // The job's settings go before the file, and only those given.
            Assert.True(sent.Body.IndexOf("name=mode", StringComparison.Ordinal) < sent.Body.IndexOf("name=file", StringComparison.Ordinal), sent.Body);
            Assert.Contains("batch", sent.Body);
            Assert.DoesNotContain("name=prompt", sent.Body);
            Assert.Contains("Ada,Stripe", sent.Body);
        }
        finally
        {
            File.Delete(input);
        }
    }
}
