using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>A row's outcome of a shared request, and its share of what the request cost.</summary>
/// <param name="Outcome">The row's line, or that it goes alone.</param>
/// <param name="Usage">
/// The row's share: tokens split evenly between the rows, the request itself (and its 429s) counted on its first row,
/// so that a job's totals add up to exactly what the provider saw.
/// </param>
public sealed record SharedRowResult(SharedRowLine Outcome, UsageTotals Usage);
