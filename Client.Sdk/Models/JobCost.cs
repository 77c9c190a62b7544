namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>Money spent (or to be spent) at the providers, at the server's configured prices.</summary>
public sealed record JobCost(decimal Llm, decimal Search, decimal Total, string Currency);
