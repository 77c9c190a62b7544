namespace PersonalizedLine.Grains.Prompts;

/// <summary>Groups of header names that mean the same lead field in real-world CRM exports.</summary>
/// <remarks>
/// The first name of each group is the canonical placeholder. Within a group, names are listed in order of
/// preference: when a file has two alias columns (e.g. "Company Name" and "Account"), the earlier one wins.
/// Spellings that differ only in case, spaces, hyphens or underscores need no entry: the matcher normalizes them.
/// </remarks>
public static class ColumnAliases
{
    public static IReadOnlyList<IReadOnlyList<string>> Groups { get; } =
    [
        ["first_name", "first", "given name", "forename"],
        ["last_name", "last", "surname", "family name"],
        ["full_name", "name", "full name", "contact name"],
        ["company", "company name", "organization", "organisation", "account", "account name", "employer", "business"],
        ["website", "website url", "url", "web site", "site", "domain", "homepage", "company website"],
        ["title", "job title", "position", "role", "job"],
        ["email", "email address", "e-mail", "work email"],
        ["industry", "sector", "vertical"],
        ["city"],
        ["country"],
        ["linkedin", "linkedin url", "linkedin profile"],
    ];

    private static readonly Dictionary<string, IReadOnlyList<string>> GroupByName = BuildIndex();

    /// <summary>The normalized names of the group that <paramref name="name"/> belongs to, in preference order.</summary>
    public static IReadOnlyList<string>? FindGroup(string name) =>
        GroupByName.GetValueOrDefault(ColumnMatcher.Normalize(name));

    private static Dictionary<string, IReadOnlyList<string>> BuildIndex()
    {
        var index = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            var normalized = group.Select(ColumnMatcher.Normalize).Distinct().ToArray();
            foreach (var name in normalized)
            {
                // A name in two groups would make matching depend on table order; fail loudly at startup instead.
                if (!index.TryAdd(name, normalized))
                {
                    throw new InvalidOperationException($"Column alias '{name}' appears in more than one group.");
                }
            }
        }

        return index;
    }
}
