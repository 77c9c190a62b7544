namespace PersonalizedLine.Grains.Prompts;

/// <summary>One problem with a job's templates against a file, worded for the person who uploaded it.</summary>
/// <param name="TemplateName">"research query template" or "prompt template".</param>
/// <param name="Message">A complete sentence that says what to do.</param>
/// <param name="MissingPlaceholders">Required placeholders without a column; empty for syntax problems.</param>
public sealed record TemplateValidationError(string TemplateName, string Message, IReadOnlyList<string> MissingPlaceholders)
{
    public override string ToString() => Message;
}
