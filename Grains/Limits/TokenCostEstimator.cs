namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// What a chat request will count against a tokens-per-minute limit before it is sent: providers admit a request
/// for its prompt tokens plus <c>max_tokens</c>. Prompt tokens are estimated from characters, starting at a cautious
/// 3.5 characters a token and then learning the provider's real ratio from the <c>usage.prompt_tokens</c> it reports
/// (a moving average, with 2 % headroom), so pacing neither overshoots nor wastes much of the limit.
/// </summary>
public sealed class TokenCostEstimator
{
    private const double InitialTokensPerChar = 1 / 3.5;
    private const double Headroom = 1.02;
    private const int MessageOverhead = 4;
    private long _ratioBits = BitConverter.DoubleToInt64Bits(InitialTokensPerChar);

    public double TokensPerChar => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _ratioBits));

    public long PromptTokens(int promptChars) => (long)Math.Ceiling((promptChars * TokensPerChar * Headroom) + MessageOverhead);

    public long RequestCost(int promptChars, int maxTokens) => PromptTokens(promptChars) + Math.Max(0, maxTokens);

    /// <summary>The tokens <paramref name="size"/> counts now; 0 for a request that counts none.</summary>
    public long RequestCost(PromptSize size) => size.CountsTokens ? RequestCost(size.PromptChars, size.MaxTokens) : 0;

    /// <summary>Learns from what the provider counted for a prompt of <paramref name="promptChars"/> characters.</summary>
    public void Observe(int promptChars, long promptTokens)
    {
        if (promptChars < 40 || promptTokens <= 0)
        {
            return;
        }

        var observed = Math.Clamp((double)promptTokens / promptChars, 0.05, 2);
        var current = TokensPerChar;
        var next = (current * 0.9) + (observed * 0.1);
        Interlocked.CompareExchange(ref _ratioBits, BitConverter.DoubleToInt64Bits(next), BitConverter.DoubleToInt64Bits(current));
    }
}
