namespace PersonalizedLine.Grains.Providers;

/// <summary>One chat completion asking for the lines of several rows at once, in JSON mode.</summary>
/// <param name="SystemPrompt">Fixed rules, including the JSON answer format.</param>
/// <param name="UserPrompt">The job's instructions once, then the rows as one JSON array.</param>
/// <param name="Model">Model id.</param>
/// <param name="MaxTokens">The answer's budget: <c>Llm__MaxTokens</c> per row plus the JSON around the lines.</param>
/// <param name="Rows">How many rows the request carries.</param>
public sealed record SharedLineRequest(string SystemPrompt, string UserPrompt, string Model, int MaxTokens, int Rows);
