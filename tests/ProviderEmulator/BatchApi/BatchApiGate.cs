using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// What every Files and Batches endpoint checks first: that the API exists (<see cref="BatchBehavior.Disabled"/>), then
/// the bearer token, exactly as <c>/v1/chat/completions</c> checks it.
/// </summary>
internal sealed class BatchApiGate(BatchBehavior behavior, EmulatorOptions options)
{
    public RequestDelegate Guard(RequestDelegate handler) => async context =>
    {
        if (behavior.Disabled)
        {
            await BatchApiErrors.UnknownUrlAsync(context).ConfigureAwait(false);
            return;
        }

        if (!ChatEndpoint.IsAuthorized(ChatEndpoint.BearerToken(context), options))
        {
            await ChatEndpoint.WriteInvalidKeyAsync(context).ConfigureAwait(false);
            return;
        }

        await handler(context).ConfigureAwait(false);
    };
}
