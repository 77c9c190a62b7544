using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>How one search of a research cache entry ended: its summary, or why it failed.</summary>
internal sealed record ResearchSearchOutcome(string Summary, string? Error, AccountProblem? AccountProblem = null);
