using System.Globalization;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>Whether a line names a company: case-insensitive, as a whole word or phrase, not inside a longer word.</summary>
public static class CompanyMention
{
    public static bool Contains(string line, string company)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(company);
        var name = company.Trim();
        if (name.Length == 0)
        {
            return false;
        }

        for (var start = line.IndexOf(name, StringComparison.OrdinalIgnoreCase); start >= 0;
             start = line.IndexOf(name, start + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = start + name.Length;
            if (!IsWordChar(line, start - 1) && !IsWordChar(line, end))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(string text, int index) =>
        index >= 0 && index < text.Length && (char.IsLetterOrDigit(text[index])
            || CharUnicodeInfo.GetUnicodeCategory(text[index]) == UnicodeCategory.NonSpacingMark);
}
