namespace PersonalizedLine.Grains.Providers;

/// <summary>Asks an LLM for one opening line.</summary>
public interface ILineWriter
{
    /// <summary>True when no real LLM is configured and lines are written by a local template.</summary>
    bool IsOffline { get; }

    /// <exception cref="ProviderCallException">The provider failed for good (after retries).</exception>
    Task<LineDraft> WriteLineAsync(LineRequest request, CancellationToken cancellationToken);
}
