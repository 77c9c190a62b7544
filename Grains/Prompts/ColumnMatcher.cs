namespace PersonalizedLine.Grains.Prompts;

/// <summary>Finds the CSV column a placeholder refers to.</summary>
/// <remarks>
/// People export leads from many tools, so "First Name", "first_name", "FIRSTNAME" and "first-name" must all
/// match {first_name}. A normalized exact match always beats an alias, so a file that has both "Name" and
/// "Full Name" gives {name} the "Name" column.
/// </remarks>
public static class ColumnMatcher
{
    /// <summary>Index of the column for <paramref name="placeholder"/>, or null when the file has none.</summary>
    public static int? FindColumn(string placeholder, IReadOnlyList<string> headers)
    {
        var wanted = Normalize(placeholder);
        var normalizedHeaders = headers.Select(Normalize).ToArray();

        var exact = Array.IndexOf(normalizedHeaders, wanted);
        if (exact >= 0)
        {
            return exact;
        }

        foreach (var alias in ColumnAliases.FindGroup(placeholder) ?? [])
        {
            var index = Array.IndexOf(normalizedHeaders, alias);
            if (index >= 0)
            {
                return index;
            }
        }

        return null;
    }

    /// <summary>Lower-case invariant, without spaces, hyphens, underscores or a byte-order mark.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '\uFEFF')))
            .ToLowerInvariant();
}
