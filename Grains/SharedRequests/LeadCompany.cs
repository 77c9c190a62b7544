using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>The company a lead's fields name, by any of the column names that mean company (see <see cref="ColumnAliases"/>).</summary>
public static class LeadCompany
{
    private static readonly string Canonical = ColumnMatcher.Normalize(ColumnAliases.Groups.Single(g => g[0] == "company")[0]);

    public static string? Of(IReadOnlyDictionary<string, string> lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        foreach (var (name, value) in lead)
        {
            if (!string.IsNullOrWhiteSpace(value) && ColumnAliases.FindGroup(name) is [var first, ..] && first == Canonical)
            {
                return value.Trim();
            }
        }

        return null;
    }
}
