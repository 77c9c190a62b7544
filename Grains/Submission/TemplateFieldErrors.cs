using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.Submission;

/// <summary>Which upload form field a template problem concerns, for a form that shows errors next to their fields.</summary>
public static class TemplateFieldErrors
{
    public const string FileField = "file";

    public const string PromptField = "prompt";

    public const string ResearchQueryField = "researchQuery";

    /// <summary>
    /// A problem with a template the user sent concerns that template's field. A problem with a default template (the
    /// user sent none) is the file's: it lacks a column the defaults need, and the file is what the user would change.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> For(IReadOnlyList<TemplateValidationError> problems, JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(request);
        return problems
            .GroupBy(problem => FieldOf(problem.TemplateName, request))
            .ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).ToArray());
    }

    private static string FieldOf(string templateName, JobRequest request) => templateName switch
    {
        JobTemplates.PromptTemplateName when !string.IsNullOrWhiteSpace(request.PromptTemplate) => PromptField,
        JobTemplates.ResearchQueryTemplateName when !string.IsNullOrWhiteSpace(request.ResearchQueryTemplate) => ResearchQueryField,
        _ => FileField,
    };
}
