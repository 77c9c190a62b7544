using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

/// <summary>Each per-tenant limit answers 429 with Retry-After and names itself; each tenant here has one limit (see the fixture).</summary>
[Collection(AuthApiCollection.Name)]
public sealed class QuotaTests(AuthApiFixture api)
{
    [Fact]
    public async Task SubmitsOverTheTenantsPerMinuteLimitAre429WithRetryAfter()
    {
        using var client = api.Client(await api.KeyForAsync("burst"));
        for (var i = 0; i < AuthApiFixture.BurstSubmitsPerMinute; i++)
        {
            using var accepted = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));

        var problem = await AssertTooManyAsync(refused, "Quotas__Tenants__burst__SubmitsPerMinute", AuthApiFixture.BurstSubmitsPerMinute);
        Assert.InRange(RetryAfterSeconds(refused), 1, 60);
        Assert.Contains("Quotas__Tenants__burst__SubmitsPerMinute = 2", problem.GetProperty("detail").GetString());

        // Only submissions are limited: the tenant can still read its jobs.
        using var list = await client.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task AFileThatWouldPassTheDailyRowLimitIs429AndNothingOfItIsKept()
    {
        using var client = api.Client(await api.KeyForAsync("rows"));
        using var first = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(40)));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var refused = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(11)));

        var problem = await AssertTooManyAsync(refused, "Quotas__Tenants__rows__RowsPerDay", AuthApiFixture.RowsPerDay);
        Assert.Contains("11 rows", problem.GetProperty("detail").GetString());
        var untilMidnight = DateTime.UtcNow.Date.AddDays(1) - DateTime.UtcNow;
        Assert.InRange(RetryAfterSeconds(refused), untilMidnight.TotalSeconds - 120, untilMidnight.TotalSeconds + 2); // rounded up to whole seconds
        var jobs = await new JobsApiCalls(client, TimeSpan.FromSeconds(30)).ListAllAsync();
        Assert.Single(jobs);

        // What is left of the day still fits.
        using var fits = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(10)));
        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        using var full = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));
        await AssertTooManyAsync(full, "Quotas__Tenants__rows__RowsPerDay", AuthApiFixture.RowsPerDay);
    }

    [Fact]
    public async Task ASubmitWhileTheTenantHasItsConcurrentJobsIs429UntilOneEnds()
    {
        using var client = api.Client(await api.KeyForAsync("slots"));

        // A job still uploading (queued) holds the tenant's one slot.
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var queued = grains.GetGrain<IJobGrain>(JobKeys.For("slots", Guid.NewGuid().ToString("N"))!);
        await queued.Create(new JobSpec("held.csv", ["first_name", "company"], ',', "{company}", "Hi {first_name}", "llama-3.1-8b-instant"));

        using var refused = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));
        var problem = await AssertTooManyAsync(refused, "Quotas__Tenants__slots__ConcurrentJobs", 1);
        Assert.Contains("1 jobs queued, running or paused", problem.GetProperty("detail").GetString());
        Assert.Equal(60, RetryAfterSeconds(refused));

        await queued.Cancel();
        using var accepted = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task TenantsWithoutLimitsAreNotLimited()
    {
        using var client = api.Client(api.GlobexKey);
        for (var i = 0; i < AuthApiFixture.BurstSubmitsPerMinute + 2; i++)
        {
            using var accepted = await client.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1)));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }
    }

    private static async Task<JsonElement> AssertTooManyAsync(HttpResponseMessage response, string limit, long value)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{(int)response.StatusCode}: {body}");
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Equal(value, problem.GetProperty("value").GetInt64());
        Assert.Contains($"{limit} = {value}", problem.GetProperty("detail").GetString());
        return problem;
    }

    private static long RetryAfterSeconds(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("Retry-After").Single());
}
