namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// The name and company the emulated LLM greets a lead with, read from the lead's fields by name. Both the
/// single-line answer and the batched answer go through it, so a row gets the same line either way.
/// </summary>
internal sealed record LeadGreeting(string? Name, string? Company)
{
    /// <summary>True when the fields named neither a person nor a company.</summary>
    public bool IsEmpty => Name is null && Company is null;

    /// <summary>The normal line, e.g. <c>Hi Ada, I saw what Acme Robotics is up to and had a quick idea for you.</c></summary>
    public string Line => $"Hi {Name ?? "there"}, I saw what {Company ?? "your team"} is up to and had a quick idea for you.";

    /// <summary>A different line for the same lead, for answers that must disagree with themselves.</summary>
    public string SecondLine => $"Hello {Name ?? "there"}, one more thought about {Company ?? "your team"} before I go.";

    /// <param name="fields">Field name to value; names compare case-insensitively, spaces and underscores alike.</param>
    public static LeadGreeting From(IReadOnlyDictionary<string, string> fields)
    {
        var normalized = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in fields)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                normalized.TryAdd(key.Trim().Replace(' ', '_'), value.Trim());
            }
        }

        var name = Field(normalized, "first_name", "firstname") ?? Field(normalized, "name", "full_name")?.Split(' ')[0];
        return new LeadGreeting(name, Field(normalized, "company", "company_name"));
    }

    private static string? Field(Dictionary<string, string> fields, params string[] keys) =>
        keys.Select(fields.GetValueOrDefault).FirstOrDefault(v => v is not null);
}
