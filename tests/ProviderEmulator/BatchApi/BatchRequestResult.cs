namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The answer one batch request got: a success goes to the output file, anything else to the error file.</summary>
internal sealed record BatchRequestResult(BatchInputLine Request, string RequestId, ChatAnswer Answer);
