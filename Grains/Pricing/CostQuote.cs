namespace PersonalizedLine.Grains.Pricing;

/// <summary>A cost, or null with a note saying which setting would make it known.</summary>
public sealed record CostQuote(JobCost? Cost, string? Note);
