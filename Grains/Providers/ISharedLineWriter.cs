namespace PersonalizedLine.Grains.Providers;

/// <summary>A line writer that can also write several rows' lines with one chat completion.</summary>
public interface ISharedLineWriter
{
    /// <exception cref="ProviderCallException">The provider failed for good (after retries).</exception>
    Task<SharedLineAnswer> WriteSharedAsync(SharedLineRequest request, CancellationToken cancellationToken);
}
