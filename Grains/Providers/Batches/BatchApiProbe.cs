using System.Net;
using PersonalizedLine.Grains.Interfaces.Providers;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Asks for the newest batch (<c>GET batches?limit=1</c>, the cheapest call of the API) to learn whether the provider
/// has a Batch API and takes the key, and says so in words a person can act on.
/// </summary>
internal static class BatchApiProbe
{
    /// <summary>
    /// The probe's own deadline, shorter than a call's total timeout: it answers a person submitting a job (through a
    /// grain call, so well within Orleans' 30 s response timeout), and a provider that cannot answer this within it is
    /// better reported as unreachable.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public static async Task<BatchApiAvailability> CheckAsync(
        IProviderBatchesApi batches, ProviderIdentity provider, LlmOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        var tracker = new ProviderCallTracker();
        try
        {
            await batches.ListAsync(1, null, tracker, deadline.Token).ConfigureAwait(false);
            return new BatchApiAvailability(BatchApiStatus.Available, $"The LLM provider at {provider.BaseUrl} has a Batch API.");
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return new BatchApiAvailability(BatchApiStatus.NotOffered, BatchFailure.NoBatchApi(provider));
        }
        catch (Exception ex) when (ProviderAccountException.Find(ex)?.Problem is { Kind: AccountProblemKind.InvalidKey } problem)
        {
            return new BatchApiAvailability(BatchApiStatus.KeyRejected,
                $"The LLM provider at {provider.BaseUrl} rejected the key on its Batch API (HTTP {problem.HttpStatus}), so jobs cannot use mode=batch. " +
                $"Check {provider.KeySettings}.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable(provider, $"it did not answer within {DurationText.Format(Timeout)}.");
        }
        catch (Exception ex) when (ProviderFailure.Translate(ex, provider, options, tracker, cancellationToken) is { } failure)
        {
            return Unreachable(provider, failure.Message);
        }
    }

    private static BatchApiAvailability Unreachable(ProviderIdentity provider, string why) =>
        new(BatchApiStatus.Unreachable, $"Cannot tell whether the LLM provider at {provider.BaseUrl} offers mode=batch: {why} Try again later.");
}
