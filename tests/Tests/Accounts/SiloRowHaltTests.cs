using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>
/// A row processed in a silo as its row grain does it, research through the cluster's research cache grain: an account
/// problem met by the cache grain's search reaches the row with its kind, and is not cached.
/// </summary>
[Collection(AccountHoldCollection.Name)]
public sealed class SiloRowHaltTests(AccountHoldSilo silo)
{
    [Fact]
    public async Task A_refused_search_key_halts_the_row_through_the_research_cache_and_is_not_cached()
    {
        silo.Emulator.Reset();
        var processor = silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<RowProcessor>();
        var company = $"Halting{Guid.NewGuid():N}";
        silo.Emulator.Search.AccountFault = Fault.SerperUnauthorized();

        var halted = await Process(processor, company);

        Assert.Equal(RowStatus.Halted, halted.Status);
        Assert.Equal(AccountProblemKind.InvalidKey, halted.AccountProblem!.Kind);
        Assert.Equal(AccountProvider.Research, halted.AccountProblem.Provider);
        Assert.StartsWith("Search API rejected the API key (HTTP 403 Forbidden). Check Research__ApiKey / SERPER_API_KEY", halted.Error, StringComparison.Ordinal);
        Assert.Equal(1, silo.Emulator.Search.TotalRequests);
        Assert.Equal(0, silo.Emulator.Llm.TotalRequests);

        silo.Emulator.Search.AccountFault = null;
        var done = await Eventually.ReturnsAsync(
            () => Process(processor, company), r => r.Status != RowStatus.Halted, TimeSpan.FromSeconds(30), "the row to run once the key works");

        Assert.Equal(RowStatus.Ok, done.Status);
        Assert.Equal(1, done.Usage.SearchCalls);
        // The refused search and the one that worked: the refusal was not stored, and polls within the hold sent nothing.
        Assert.Equal(2, silo.Emulator.Search.TotalRequests);
    }

    private static async Task<RowResult> Process(RowProcessor processor, string company) =>
        await processor.ProcessAsync(
            new RowRequest(
                "silo-account-job/0", 0, company, $"Write one opening line for Ada at {company}.",
                new Dictionary<string, string> { ["first_name"] = "Ada", ["company"] = company }, "llama-3.1-8b-instant"),
            CancellationToken.None, CancellationToken.None)
        ?? throw new InvalidOperationException("The row was abandoned.");
}
