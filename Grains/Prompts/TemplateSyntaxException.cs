namespace PersonalizedLine.Grains.Prompts;

/// <summary>A template could not be parsed: unbalanced braces or a bad placeholder.</summary>
/// <remarks>The message is meant for the person who wrote the template, so it names the template and a 1-based position.</remarks>
public sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException(string templateName, int position, string problem)
        : base($"Syntax error in the {templateName} at position {position}: {problem}. Write {{{{ and }}}} for literal braces.")
    {
        TemplateName = templateName;
        Position = position;
        Problem = problem;
    }

    /// <summary>Human name of the template, e.g. "prompt template".</summary>
    public string TemplateName { get; }

    /// <summary>1-based character position of the offending brace.</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position prefix.</summary>
    public string Problem { get; }
}
