namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>One entry of a failed batch's <c>errors.data</c>.</summary>
/// <param name="Line">1-based line of the input file it is about, or null for the file as a whole.</param>
internal sealed record BatchError(string Code, string Message, int? Line);
