using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One chat message; <c>content</c> may be null in answers (e.g. tool calls), so it is nullable.</summary>
public sealed record ChatMessage(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("content")] string? Content);
