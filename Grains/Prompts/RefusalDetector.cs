namespace PersonalizedLine.Grains.Prompts;

/// <summary>Spots answers where the model declined instead of writing a line.</summary>
/// <remarks>
/// Mostly a starts-with test: "I can't" in the middle of a sentence is normal English. Openers that merely begin
/// like a refusal ("I can't help but notice ...") are common in sales copy and are let through.
/// </remarks>
internal static class RefusalDetector
{
    private static readonly string[] RefusalStarts =
    [
        "i'm sorry", "i am sorry", "sorry, ", "i apologize", "i cannot", "i can't", "i can not", "as an ai,",
        "as an ai language model", "as an ai model", "as an ai assistant", "as a language model", "i am unable",
        "i'm unable", "i'm not able to", "i am not able to", "i don't have enough information",
        "i do not have enough information", "unfortunately, i",
    ];

    // Kept narrow on purpose: leads at AI companies make "as an AI" and "language model" ordinary words in a
    // genuine line ("As an AI-first team, Acme ...", "Acme's new language model ...").
    private static readonly string[] RefusalAnywhere =
    [
        "as an ai language model", "as an ai assistant", "don't have enough information", "do not have enough information",
    ];

    private static readonly string[] SalesOpeners =
    [
        "i can't help but", "i cannot help but", "i can't wait", "i can't stop", "i can't get over", "i can't believe",
    ];

    public static bool IsRefusal(string line)
    {
        var text = line.Trim().Replace('’', '\'').ToLowerInvariant();
        if (SalesOpeners.Any(text.StartsWith))
        {
            return false;
        }

        return RefusalStarts.Any(text.StartsWith) || RefusalAnywhere.Any(text.Contains);
    }
}
