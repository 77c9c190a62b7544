using System.Text;
using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>A column of an uploaded file and the placeholder that names it in a template.</summary>
/// <param name="Name">The header as given in the file.</param>
/// <param name="Placeholder">
/// <c>{snake_case}</c> form that the templates resolve to this very column, or null when no placeholder can reach it
/// (a name with characters a placeholder cannot hold, or one that an earlier column or alias already answers to).
/// </param>
public sealed record FileColumn(string Name, string? Placeholder)
{
    public static IReadOnlyList<FileColumn> For(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Select((name, index) => new FileColumn(name, PlaceholderFor(name, index, headers))).ToList();
    }

    private static string? PlaceholderFor(string name, int index, IReadOnlyList<string> headers)
    {
        // The canonical name first ("Company Name" is {company}, as the default templates say), then the column's own
        // name; each checked through the matcher itself, so a placeholder shown is one that resolves to this column.
        var canonical = ColumnAliases.Groups.FirstOrDefault(group => group.Any(alias => ColumnMatcher.Normalize(alias) == ColumnMatcher.Normalize(name)))?[0];
        foreach (var candidate in new[] { canonical ?? string.Empty, SnakeCase(name), name.Trim() })
        {
            if (candidate.Length > 0 && candidate.All(IsNameChar) && ColumnMatcher.FindColumn(candidate, headers) == index)
            {
                return "{" + candidate + "}";
            }
        }

        return null;
    }

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
            }
            else if (text.Length > 0 && text[^1] != '_')
            {
                text.Append('_');
            }
        }

        return text.ToString().TrimEnd('_');
    }

    /// <summary>The characters the template parser accepts in a placeholder name.</summary>
    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.';
}
