using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// What a provider batch answer means for one researched row: a final result, a retry online (a shared answer that
/// could not serve the row), or the request's error (the row waits for the final delivery to be settled).
/// </summary>
public sealed record BatchRowOutcome(int Index, RowResult? Final, bool AskOnline, string? Error);
