using System.Globalization;
using System.Text;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// The emulator's normal answers: deterministic, derived from what was asked, so pipeline tests can predict
/// every output cell.
/// </summary>
public static class DefaultAnswers
{
    /// <summary>
    /// The line the emulated LLM writes for a user message. It reads <c>key: value</c> (or <c>key=value</c>) lines
    /// for <c>first_name</c>/<c>name</c> and <c>company</c>; without them it quotes the start of the message.
    /// </summary>
    public static string LineFor(string userPrompt)
    {
        var greeting = LeadGreeting.From(ParseFields(userPrompt ?? string.Empty));
        if (!greeting.IsEmpty)
        {
            return greeting.Line;
        }

        var excerpt = Flatten(userPrompt ?? string.Empty);
        excerpt = excerpt.Length > 60 ? excerpt[..60] : excerpt;
        return string.Create(CultureInfo.InvariantCulture, $"Emulated line {Hash(userPrompt ?? string.Empty):x8} for: {excerpt}");
    }

    /// <summary>
    /// The line the emulated LLM writes for one row of a batched request, from the lead's fields by name
    /// (<c>first_name</c>/<c>firstname</c>, else the first word of <c>name</c>/<c>full_name</c>; <c>company</c>/<c>company_name</c>):
    /// the same line <see cref="LineFor(string)"/> writes for that lead alone. A lead with neither gets
    /// <c>Hi there, I saw what your team is up to…</c>.
    /// </summary>
    public static string LineForLead(IReadOnlyDictionary<string, string> lead) =>
        LeadGreeting.From(lead ?? throw new ArgumentNullException(nameof(lead))).Line;

    /// <summary>The description the emulated search returns for a query (also the knowledge-graph description).</summary>
    public static string DescriptionFor(string query) =>
        $"{Flatten(query)} is a company in the emulated search index; it recently announced a new product line.";

    /// <summary>A rough token count (4 characters a token), never zero for non-empty text.</summary>
    public static int Tokens(string text) => string.IsNullOrEmpty(text) ? 0 : Math.Max(1, text.Length / 4);

    internal static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "company" : slug;
    }

    private static Dictionary<string, string> ParseFields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim().TrimStart('-', '*', ' ').Trim();
            var separator = line.IndexOfAny([':', '=']);
            if (separator <= 0)
            {
                continue;
            }

            var key = line[..separator].Trim().Trim('"').Replace(' ', '_');
            var value = line[(separator + 1)..].Trim().TrimEnd(',').Trim().Trim('"').Trim();
            if (value.Length > 0)
            {
                fields.TryAdd(key, value);
            }
        }

        return fields;
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
