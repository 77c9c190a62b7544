namespace PersonalizedLine.Grains.Prompts;

/// <summary>A parsed research-query or prompt template with <c>{column}</c> placeholders.</summary>
/// <remarks>Parse once per job, bind once per file header, then render per row: rows never re-parse.</remarks>
public sealed class LeadTemplate
{
    private readonly IReadOnlyList<TemplateSegment> _segments;

    private LeadTemplate(string text, string templateName, IReadOnlyList<TemplateSegment> segments)
    {
        Text = text;
        TemplateName = templateName;
        _segments = segments;
        Placeholders = DistinctPlaceholders(segments);
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>Human name used in messages, e.g. "prompt template".</summary>
    public string TemplateName { get; }

    /// <summary>Each placeholder once, in order of first use. A name used both as {x} and {x?} is required.</summary>
    public IReadOnlyList<TemplatePlaceholder> Placeholders { get; }

    /// <exception cref="TemplateSyntaxException">Unbalanced braces or an empty/invalid placeholder.</exception>
    public static LeadTemplate Parse(string template, string templateName)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(templateName);
        return new LeadTemplate(template, templateName, TemplateParser.Parse(template, templateName));
    }

    /// <summary>Resolves every placeholder to a column of a file with these headers.</summary>
    public TemplateBinding Bind(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var columns = Placeholders.ToDictionary(
            p => p.Name,
            p => ColumnMatcher.FindColumn(p.Name, headers),
            StringComparer.OrdinalIgnoreCase);
        return new TemplateBinding(TemplateName, _segments, Placeholders, columns);
    }

    private static IReadOnlyList<TemplatePlaceholder> DistinctPlaceholders(IReadOnlyList<TemplateSegment> segments) =>
        segments
            .Where(s => s.IsPlaceholder)
            .GroupBy(s => s.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => new TemplatePlaceholder(g.First().Text, g.All(s => s.IsOptional)))
            .ToArray();
}
