using System.Collections.Concurrent;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// The tokens-per-minute limit each model's provider announces in its answers (<c>x-ratelimit-limit-tokens</c>, as Groq
/// and OpenAI send it), for a plan nobody configured: rows sharing a request must not build one bigger than the plan
/// admits (Groq answers such a request 413), nor so big that pacing stalls.
/// </summary>
public sealed class AdvertisedTokenLimits
{
    private readonly ConcurrentDictionary<string, long> _byModel = new(StringComparer.OrdinalIgnoreCase);

    public void Observe(string model, long tokensPerMinute)
    {
        if (tokensPerMinute > 0)
        {
            _byModel[model ?? string.Empty] = tokensPerMinute;
        }
    }

    /// <summary>The limit last announced for the model; null until an answer has said.</summary>
    public long? For(string model) => _byModel.TryGetValue(model ?? string.Empty, out var limit) ? limit : null;
}
