namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>One valid request of a batch's input file.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Body">The request's <c>body</c>, as JSON text.</param>
internal sealed record BatchInputLine(int Line, string CustomId, string Body);
