namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Guards generated text against CSV injection (OWASP): a spreadsheet runs a cell that starts with
/// = + - @ (or a tab / line break that hides one) as a formula. A leading apostrophe makes Excel
/// and LibreOffice show it as text. Only generated cells go through this; input cells are returned
/// exactly as uploaded. CsvHelper's own Injection option applies to every field of the writer, so it
/// cannot be limited to the generated columns.
/// </summary>
public static class FormulaNeutralizer
{
    public static string Neutralize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return value;
        }

        return value[0] switch
        {
            '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' => "'" + value,
            _ => value,
        };
    }
}
