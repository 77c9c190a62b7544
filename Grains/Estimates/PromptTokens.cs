using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>
/// A tokenizer-free estimate of a chat request's prompt tokens: about 4 characters per token (the rule of thumb
/// OpenAI and Groq give for English text), rounded up per message, plus a few tokens of chat framing per message.
/// An estimate, not a count: real tokenizers differ by model and language.
/// </summary>
public static class PromptTokens
{
    public const int CharsPerToken = 4;

    /// <summary>Framing tokens per chat message (role markers), as the OpenAI cookbook counts them.</summary>
    public const int PerMessageOverhead = 4;

    /// <summary>Estimated prompt tokens of one line request: its system and user messages.</summary>
    public static long Of(LineRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Of(request.SystemPrompt) + Of(request.UserPrompt);
    }

    /// <summary>
    /// Research text stands in for the real summary, which is unknown before the search: as long as a summary may
    /// be (<c>Research__SummaryMaxChars</c>), so the estimate errs on the expensive side.
    /// </summary>
    public static string ResearchStandIn(int chars) => new('r', Math.Max(0, chars));

    /// <summary>Estimated tokens of a piece of text inside a message (no framing).</summary>
    public static long OfText(string text) => ((text?.Length ?? 0) + CharsPerToken - 1) / CharsPerToken;

    private static long Of(string message) => PerMessageOverhead + OfText(message);
}
