namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The header of the output file: the input header unchanged, then the generated columns. A generated
/// name that the input already uses gets a numeric suffix, so an input column is never overwritten.
/// </summary>
public static class OutputColumns
{
    public const string Line = "personalized_line";
    public const string Status = "personalization_status";
    public const string Error = "personalization_error";

    public static IReadOnlyList<string> For(IReadOnlyList<string> inputHeaders)
    {
        ArgumentNullException.ThrowIfNull(inputHeaders);

        // Compare as a spreadsheet user would: "Personalized_Line " is the same column to them.
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in inputHeaders)
        {
            taken.Add(header.Trim());
        }

        var result = new List<string>(inputHeaders.Count + 3);
        result.AddRange(inputHeaders);
        foreach (var name in new[] { Line, Status, Error })
        {
            var unique = name;
            for (var suffix = 2; taken.Contains(unique); suffix++)
            {
                unique = $"{name}_{suffix}";
            }

            taken.Add(unique);
            result.Add(unique);
        }

        return result;
    }
}
