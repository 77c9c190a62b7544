namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>A column of the uploaded file and the <c>{placeholder}</c> a template uses for it (null when none can reach it).</summary>
public sealed record FileColumn(string Name, string? Placeholder);
