using System.Buffers;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>A template resolved against one file's header: knows which column feeds each placeholder.</summary>
public sealed class TemplateBinding
{
    private readonly string _templateName;
    private readonly IReadOnlyList<TemplateSegment> _segments;
    private readonly IReadOnlyList<TemplatePlaceholder> _placeholders;
    private readonly IReadOnlyDictionary<string, int?> _columns;

    internal TemplateBinding(
        string templateName,
        IReadOnlyList<TemplateSegment> segments,
        IReadOnlyList<TemplatePlaceholder> placeholders,
        IReadOnlyDictionary<string, int?> columns)
    {
        _templateName = templateName;
        _segments = segments;
        _placeholders = placeholders;
        _columns = columns;
        MissingRequired = placeholders.Where(p => !p.IsOptional && columns[p.Name] is null).Select(p => p.Name).ToArray();
    }

    /// <summary>Required placeholders the file has no column for, in template order.</summary>
    public IReadOnlyList<string> MissingRequired { get; }

    /// <summary>True when every required placeholder has a column (optional ones may still be absent).</summary>
    public bool IsComplete => MissingRequired.Count == 0;

    /// <summary>
    /// The template filled from one row. Absent optional columns and empty cells render as nothing; whitespace
    /// runs are then collapsed so the text still reads fine. Cell line breaks become spaces so a cell cannot
    /// reshape the prompt.
    /// </summary>
    /// <exception cref="InvalidOperationException">A required column is missing (check <see cref="IsComplete"/> first).</exception>
    public string Render(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (!IsComplete)
        {
            throw new InvalidOperationException(
                $"The {_templateName} cannot be rendered: the file has no column for {string.Join(", ", MissingRequired.Select(n => "{" + n + "}"))}.");
        }

        // Every row renders its prompt: the pieces are gathered in pooled buffers, and the tidy text is the only allocation.
        var pieces = ArrayPool<string>.Shared.Rent(_segments.Count);
        char[]? text = null;
        try
        {
            var length = 0;
            for (var i = 0; i < _segments.Count; i++)
            {
                var segment = _segments[i];
                pieces[i] = segment.IsPlaceholder ? CellOf(segment.Text, cells) : segment.Text;
                length += pieces[i].Length;
            }

            text = ArrayPool<char>.Shared.Rent(length);
            var written = 0;
            for (var i = 0; i < _segments.Count; i++)
            {
                pieces[i].CopyTo(text.AsSpan(written));
                written += pieces[i].Length;
            }

            return TextTidy.KeepLines(text.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<string>.Shared.Return(pieces, clearArray: true);
            if (text is not null)
            {
                ArrayPool<char>.Shared.Return(text);
            }
        }
    }

    /// <summary>Placeholder name → cell value (one line, trimmed) for every placeholder that has a column.</summary>
    public IReadOnlyDictionary<string, string> LeadFields(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var placeholder in _placeholders.Where(p => _columns[p.Name] is not null))
        {
            fields[placeholder.Name] = CellOf(placeholder.Name, cells);
        }

        return fields;
    }

    /// <summary>Required placeholders whose cell is blank on this row: such a row cannot get a sensible line.</summary>
    public IReadOnlyList<string> EmptyRequired(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return _placeholders
            .Where(p => !p.IsOptional && _columns[p.Name] is not null && CellOf(p.Name, cells).Length == 0)
            .Select(p => p.Name)
            .ToArray();
    }

    // A short (ragged) row simply has empty trailing cells.
    private string CellOf(string placeholder, IReadOnlyList<string> cells) =>
        _columns[placeholder] is { } index && index < cells.Count ? TextTidy.OneLine(cells[index] ?? string.Empty) : string.Empty;
}
