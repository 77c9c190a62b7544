namespace PersonalizedLine.Grains.Prompts;

/// <summary>Checks a job's two templates against an uploaded file's header before any row is processed.</summary>
/// <remarks>
/// Collects every problem instead of throwing on the first, so the API can answer one 4xx that lets the person fix
/// everything at once.
/// </remarks>
public static class JobTemplates
{
    public const string ResearchQueryTemplateName = "research query template";
    public const string PromptTemplateName = "prompt template";

    // Very wide files would turn the message into a wall of text; the first columns are enough to spot a typo.
    private const int MaxColumnsListed = 30;

    /// <summary>Person-readable problems; empty when both templates parse and every required column exists.</summary>
    public static IReadOnlyList<TemplateValidationError> Validate(
        string researchTemplate, string promptTemplate, IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var errors = new List<TemplateValidationError>();
        AddProblems(researchTemplate, ResearchQueryTemplateName, headers, errors);
        AddProblems(promptTemplate, PromptTemplateName, headers, errors);
        return errors;
    }

    private static void AddProblems(string? template, string templateName, IReadOnlyList<string> headers, List<TemplateValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            errors.Add(new(templateName, $"The {templateName} is empty.", []));
            return;
        }

        LeadTemplate parsed;
        try
        {
            parsed = LeadTemplate.Parse(template, templateName);
        }
        catch (TemplateSyntaxException e)
        {
            errors.Add(new(templateName, e.Message, []));
            return;
        }

        var missing = parsed.Bind(headers).MissingRequired;
        if (missing.Count > 0)
        {
            errors.Add(new(templateName, MissingColumnsMessage(templateName, missing, headers), missing));
        }
    }

    private static string MissingColumnsMessage(string templateName, IReadOnlyList<string> missing, IReadOnlyList<string> headers)
    {
        var names = JoinWithAnd(missing.Select(n => "{" + n + "}").ToArray());
        var noSuch = missing.Count == 1 ? "no such column" : "no such columns";
        return $"The {templateName} uses {names}, but the file has {noSuch}. {DescribeColumns(headers)} Rename a column or change the template.";
    }

    private static string DescribeColumns(IReadOnlyList<string> headers)
    {
        if (headers.Count == 0)
        {
            return "The file has no columns.";
        }

        var shown = headers.Take(MaxColumnsListed).Select(h => string.IsNullOrWhiteSpace(h) ? "(blank)" : h.Trim());
        var more = headers.Count > MaxColumnsListed ? $" and {headers.Count - MaxColumnsListed} more" : string.Empty;
        return $"Columns in the file: {string.Join(", ", shown)}{more}.";
    }

    private static string JoinWithAnd(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
