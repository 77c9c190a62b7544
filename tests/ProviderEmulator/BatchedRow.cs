namespace PersonalizedLine.ProviderEmulator;

/// <summary>One row of a batched chat request: its id, the lead's fields by name, and the research about it.</summary>
internal sealed record BatchedRow(string Id, IReadOnlyDictionary<string, string> Lead, string Research);
