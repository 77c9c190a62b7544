namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>An RFC 9457 problem as the API answers errors; <see cref="Errors"/> names the fields at fault, when it does.</summary>
public sealed record ProblemDocument(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors);
