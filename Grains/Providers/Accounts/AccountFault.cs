using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Providers;

/// <summary>What <see cref="AccountFaults"/> read from one answer, before it is worded for a person.</summary>
/// <param name="Kind">What is wrong with the account.</param>
/// <param name="HttpStatus">The answer's status.</param>
/// <param name="Evidence">What in the answer said so, e.g. <c>insufficient_quota</c> or <c>retry-after 7380 s</c>.</param>
/// <param name="ProviderSaid">The provider's own words (its error message), when it gave any.</param>
/// <param name="ResetIn">For <see cref="AccountProblemKind.QuotaExhausted"/>: how long until the quota comes back.</param>
public sealed record AccountFault(AccountProblemKind Kind, int HttpStatus, string? Evidence, string? ProviderSaid, TimeSpan? ResetIn = null);
