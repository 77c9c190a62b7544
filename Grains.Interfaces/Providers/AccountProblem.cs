namespace PersonalizedLine.Grains.Interfaces.Providers;

/// <summary>
/// A provider's answer that holds for every request on one key: what a job pauses on, with the words to show.
/// </summary>
/// <param name="Kind">What is wrong with the account.</param>
/// <param name="Provider">Which provider said so.</param>
/// <param name="LimitKey">
/// The provider limit's key as the cluster-wide limiter names it (endpoint, hashed API key, and for the LLM the model),
/// e.g. <c>llm api.groq.com/openai/v1 key 1a2b3c4d model llama-3.1-8b-instant</c>: two problems with the same key are
/// the same problem.
/// </param>
/// <param name="Message">What a person should read and do, e.g. which setting holds the key.</param>
/// <param name="HttpStatus">The provider's HTTP status (401, 402, 403 or 429).</param>
/// <param name="ResetsAt">For <see cref="AccountProblemKind.QuotaExhausted"/>: when the provider said the quota comes back.</param>
[GenerateSerializer, Immutable, Alias("account-problem")]
public sealed record class AccountProblem(
    [property: Id(0)] AccountProblemKind Kind,
    [property: Id(1)] AccountProvider Provider,
    [property: Id(2)] string LimitKey,
    [property: Id(3)] string Message,
    [property: Id(4)] int HttpStatus,
    [property: Id(5)] DateTimeOffset? ResetsAt = null);
