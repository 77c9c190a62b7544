namespace PersonalizedLine.ProviderEmulator;

/// <summary>What an authorized request asks of the quota: whose windows, and how many tokens.</summary>
/// <param name="Credential">The API key or bearer token; each has its own windows.</param>
/// <param name="Tokens">Token cost (prompt tokens plus <c>max_tokens</c>); 0 where tokens are not limited.</param>
/// <param name="CountsTokens">Whether <see cref="QuotaPolicy.TokensPerWindow"/> applies (chat only).</param>
internal readonly record struct QuotaCharge(string Credential, long Tokens, bool CountsTokens);
