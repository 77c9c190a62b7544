using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Turns the parser's current record into a <see cref="LeadCsvRow"/> with one cell per header
/// column, applying the size limits and describing ragged rows instead of dropping data silently.
/// </summary>
internal static class RowBuilder
{
    public static LeadCsvRow Build(CsvReader csv, long line, IReadOnlyList<string> headers, CsvReadLimits limits)
    {
        var fieldCount = csv.FieldCount;
        if (fieldCount > limits.MaxColumns)
        {
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"Line {line} has {fieldCount} fields; the limit is {limits.MaxColumns}. "
                + "Remove columns you do not need, or ask the operator to raise Upload__MaxColumns.",
                line);
        }

        // A short row is common (trailing empty cells dropped by an editor) and loses nothing: pad it.
        var cells = new string[headers.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = i < fieldCount ? Cell(csv, i, line, headers, limits) : string.Empty;
        }

        return new LeadCsvRow(line, cells, fieldCount > headers.Count ? DescribeExtras(csv, line, headers, limits) : null);
    }

    private static string? DescribeExtras(CsvReader csv, long line, IReadOnlyList<string> headers, CsvReadLimits limits)
    {
        var extras = new List<string>();
        for (var i = headers.Count; i < csv.FieldCount; i++)
        {
            extras.Add(Cell(csv, i, line, headers, limits));
        }

        // Trailing empty fields ("a,b,c,,") are an export artefact: nothing would be lost, so no problem.
        if (extras.TrueForAll(e => e.Length == 0))
        {
            return null;
        }

        // The usual cause is an unquoted value containing the separator, which shifts every later cell;
        // the row is kept but flagged, and the extra values are shown so nothing disappears unnoticed.
        var shown = string.Join(" | ", extras.Select(e => "\"" + e + "\""));
        return $"Line {line} has {csv.FieldCount} fields but the header has {headers.Count}; extra values: {shown}. "
            + "Quote fields that contain the separator.";
    }

    private static string Cell(CsvReader csv, int index, long line, IReadOnlyList<string> headers, CsvReadLimits limits)
    {
        var value = csv.GetString(index);
        if (value.Length > limits.MaxFieldChars)
        {
            var column = index < headers.Count ? $"column {index + 1} ('{headers[index]}')" : $"field {index + 1}";
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"Line {line}, {column} has {value.Length} characters; the limit is {limits.MaxFieldChars}. "
                + "Shorten that cell, or ask the operator to raise Upload__MaxFieldChars.",
                line);
        }

        return value;
    }
}
