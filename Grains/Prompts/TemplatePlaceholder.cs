namespace PersonalizedLine.Grains.Prompts;

/// <summary>A <c>{column}</c> or <c>{column?}</c> reference in a template.</summary>
/// <param name="Name">The column name as written in the template, e.g. "first_name".</param>
/// <param name="IsOptional">True for <c>{column?}</c>: renders empty when the column is absent or the cell is blank.</param>
public sealed record TemplatePlaceholder(string Name, bool IsOptional);
