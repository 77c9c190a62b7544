namespace PersonalizedLine.Grains.Prompts;

/// <summary>One piece of a parsed template: literal text, or a placeholder occurrence.</summary>
/// <param name="Text">The literal text (braces already unescaped), or the placeholder name.</param>
internal readonly record struct TemplateSegment(string Text, bool IsPlaceholder, bool IsOptional)
{
    public static TemplateSegment Literal(string text) => new(text, false, false);

    public static TemplateSegment Placeholder(string name, bool isOptional) => new(name, true, isOptional);
}
