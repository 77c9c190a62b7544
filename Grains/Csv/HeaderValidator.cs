namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Checks the header before any row is processed: the line writer and the output refer to columns
/// by name, so a nameless or ambiguous column would silently pick the wrong value. The exception is a run of
/// nameless columns at the end, which a header ending with a separator makes (<c>name,company,</c>): no template can
/// name them, so they are kept as they are, and reported.
/// </summary>
internal static class HeaderValidator
{
    /// <returns>How many nameless columns end the header.</returns>
    public static int Validate(IReadOnlyList<string> headers, long line, CsvReadLimits limits)
    {
        if (headers.Count > limits.MaxColumns)
        {
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"The header (line {line}) has {headers.Count} columns; the limit is {limits.MaxColumns}. "
                + "Remove columns you do not need, or ask the operator to raise Upload__MaxColumns.",
                line);
        }

        var unnamedAtEnd = 0;
        while (unnamedAtEnd < headers.Count && string.IsNullOrWhiteSpace(headers[headers.Count - 1 - unnamedAtEnd]))
        {
            unnamedAtEnd++;
        }

        if (unnamedAtEnd == headers.Count)
        {
            throw new CsvInputException(
                CsvProblemKind.Malformed,
                $"The header (line {line}) has no column names. Put the column names (such as name, company, email) on the first line and upload again.",
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
            if (i >= headers.Count - unnamedAtEnd)
            {
                continue;
            }

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

        return unnamedAtEnd;
    }

    /// <summary>The warning for nameless columns at the end of the header.</summary>
    public static string DescribeUnnamedAtEnd(int unnamed, int columns) => unnamed == 1
        ? $"The header ends with a separator: column {columns} has no name. It is kept as it is (an unnamed column) in the output, before the new columns."
        : $"The header ends with separators: columns {columns - unnamed + 1} to {columns} have no name. They are kept as they are (unnamed columns) in the output, before the new columns.";
}
