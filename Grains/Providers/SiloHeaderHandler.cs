namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Names the calling silo on every provider request (<c>X-PersonalizedLine-Silo: &lt;silo name&gt;</c>), so a test's
/// provider emulator can count calls in flight per silo and check the per-silo row limit from outside the product.
/// Providers ignore headers they do not know; the value is only the silo's name (its pod name in Kubernetes), no key
/// and no lead data. Outside a silo (no silo name) nothing is added.
/// </summary>
public sealed class SiloHeaderHandler(string? siloName) : DelegatingHandler
{
    public const string HeaderName = "X-PersonalizedLine-Silo";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Retries send the same request message again: add the header once, not once per attempt.
        if (!string.IsNullOrEmpty(siloName) && !request.Headers.Contains(HeaderName))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, siloName);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
