namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Upper bounds on what an upload may contain. They keep one hostile or broken file from exhausting
/// memory; each is a setting (Upload__*) so an operator can raise it without a code change.
/// </summary>
public sealed record CsvReadLimits
{
    public static CsvReadLimits Default { get; } = new();

    /// <summary>Longest cell, in UTF-16 characters. Setting: Upload__MaxFieldChars.</summary>
    public int MaxFieldChars { get; init; } = 100_000;

    /// <summary>Most columns in the header or in any row. Setting: Upload__MaxColumns.</summary>
    public int MaxColumns { get; init; } = 500;

    /// <summary>Most data rows (the header is not counted). Setting: Upload__MaxRows.</summary>
    public long MaxRows { get; init; } = 1_000_000;
}
