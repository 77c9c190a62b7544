namespace PersonalizedLine.Grains.Xlsx;

/// <summary>Column letters of a cell reference (<c>AB12</c>) as a 0-based index, and back.</summary>
internal static class CellReference
{
    /// <summary>The 0-based column of a reference such as <c>C7</c>, or null when it has no letters.</summary>
    public static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            var upper = char.ToUpperInvariant(c);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            // Excel's last column is XFD (16384); anything longer is not a reference, and must not overflow.
            if (++letters > 3)
            {
                return null;
            }

            column = (column * 26) + (upper - 'A' + 1);
        }

        return letters == 0 ? null : column - 1;
    }

    /// <summary>The letters of a 0-based column index: 0 is A, 26 is AA.</summary>
    public static string Letters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
