namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Checks the header before any row is processed: the line writer and the output refer to columns
/// by name, so a nameless or ambiguous column would silently pick the wrong value.
/// </summary>
internal static class HeaderValidator
{
    public static void Validate(IReadOnlyList<string> headers, long line, CsvReadLimits limits)
    {
        if (headers.Count > limits.MaxColumns)
        {
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"The header (line {line}) has {headers.Count} columns; the limit is {limits.MaxColumns}. "
                + "Remove columns you do not need, or ask the operator to raise Upload__MaxColumns.",
                line);
        }

        // Spreadsheet users see "Email" and "email " as the same column, so compare that way too.
        var firstPosition = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i];
            if (name.Length > limits.MaxFieldChars)
            {
                throw new CsvInputException(
                    CsvProblemKind.TooLarge,
                    $"Column {i + 1} has a name of {name.Length} characters; the limit is {limits.MaxFieldChars}. "
                    + "Shorten it, or ask the operator to raise Upload__MaxFieldChars.",
                    line);
            }

            var key = name.Trim();
            if (key.Length == 0)
            {
                throw new CsvInputException(
                    CsvProblemKind.Malformed,
                    $"Column {i + 1} has no name in the header. Give every column a name (or delete the empty column) and upload again.",
                    line);
            }

            if (firstPosition.TryGetValue(key, out var first))
            {
                throw new CsvInputException(
                    CsvProblemKind.Malformed,
                    $"Column name '{headers[first].Trim()}' appears twice in the header (columns {first + 1} and {i + 1}). Rename one of them and upload again.",
                    line);
            }

            firstPosition.Add(key, i);
        }
    }
}
