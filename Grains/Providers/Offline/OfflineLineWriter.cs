namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Stand-in line writer when no LLM key is configured: fills a template from the lead's fields, instantly and
/// deterministically (the template is picked by a stable hash, never <see cref="string.GetHashCode()"/>, which
/// changes per process). Reports zero tokens because nothing was spent.
/// </summary>
public sealed class OfflineLineWriter : ILineWriter
{
    /// <summary>Starts every offline line, so nobody mails a placeholder thinking an LLM wrote it.</summary>
    public const string Marker = "(offline demo)";

    public bool IsOffline => true;

    public Task<LineDraft> WriteLineAsync(LineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = LeadField(request.Lead, "first_name", "firstname", "first name") ?? FirstWord(LeadField(request.Lead, "name", "full_name"));
        var company = LeadField(request.Lead, "company", "company_name", "organization", "account") ?? "your company";
        var title = LeadField(request.Lead, "title", "job_title", "role");
        var greeting = name is null ? "Hi there" : $"Hi {name}";
        var fact = ResearchFact(request.ResearchSummary);

        var line = (StableHash($"{name}|{company}|{title}|{fact}") % 3) switch
        {
            0 when fact is not null => $"{greeting}, I came across {company} and read that {fact}.",
            0 => $"{greeting}, I came across {company} and liked what your team is building.",
            1 when title is not null => $"{greeting}, as {Article(title)} {title} at {company} you probably see this problem before anyone else does.",
            1 => $"{greeting}, I have been following {company} and had a quick idea for your team.",
            _ => fact is not null
                ? $"{greeting}, {company} caught my eye: {fact}."
                : $"{greeting}, {company} caught my eye and I wanted to reach out directly.",
        };
        return Task.FromResult(new LineDraft($"{Marker} {line}", PromptTokens: 0, CompletionTokens: 0));
    }

    private static string? LeadField(IReadOnlyDictionary<string, string> lead, params string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var (field, value) in lead)
            {
                if (string.Equals(field.Trim(), key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    private static string? FirstWord(string? text) => text?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();

    // The first sentence of real research, short enough for one line; offline research has nothing to quote.
    private static string? ResearchFact(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary) || summary.StartsWith(OfflineResearchProvider.Marker, StringComparison.Ordinal))
        {
            return null;
        }

        var text = summary.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        // Skip a "Title (type, website): " heading; the description after it reads better in a sentence.
        var heading = text.IndexOf("): ", StringComparison.Ordinal);
        if (heading > 0)
        {
            text = text[(heading + 3)..];
        }

        // A sentence ends at ". " (not at the dot of a domain name) or at the end of the text.
        var stop = text.IndexOf(". ", StringComparison.Ordinal);
        text = (stop > 0 ? text[..stop] : text).Trim().TrimEnd('.', '!', '?', '…');
        if (text.Length > 90)
        {
            text = text[..90].TrimEnd() + "…";
        }

        return text.Length == 0 ? null : text;
    }

    private static string Article(string word) => "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static uint StableHash(string text)
    {
        // FNV-1a: tiny, stable across processes and machines.
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
