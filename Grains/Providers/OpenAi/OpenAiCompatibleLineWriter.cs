using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Writes a line with one chat completion on any OpenAI-compatible API (Groq by default).</summary>
public sealed class OpenAiCompatibleLineWriter : ILineWriter
{
    private readonly IChatCompletionsApi _api;
    private readonly LlmOptions _options;
    private readonly ProviderIdentity _identity;
    private readonly TokenCostEstimator _tokens;

    public OpenAiCompatibleLineWriter(IChatCompletionsApi api, IOptions<LlmOptions> options, TokenCostEstimator tokens)
    {
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _tokens = tokens;
        _options = options.Value;
        _identity = new ProviderIdentity("LLM", LlmOptions.SectionName, $"Llm__ApiKey / {LlmOptions.FallbackApiKeyName}", _options.BaseUrl);
    }

    public bool IsOffline => false;

    public async Task<LineDraft> WriteLineAsync(LineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = string.IsNullOrWhiteSpace(request.Model) ? _options.Model : request.Model;
        var body = new ChatCompletionRequest(
            model,
            [new ChatMessage("system", request.SystemPrompt), new ChatMessage("user", request.UserPrompt)],
            _options.Temperature,
            _options.MaxTokens);

        // What a tokens-per-minute limit will count for this request: the prompt plus the most the answer may take
        // (costed when its permit is granted); the usage answered teaches the estimator the provider's real ratio.
        var promptChars = request.SystemPrompt.Length + request.UserPrompt.Length;
        var tracker = new ProviderCallTracker { Model = model, Size = new PromptSize(promptChars, _options.MaxTokens) };
        ChatCompletionResponse response;
        try
        {
            response = await _api.CompleteAsync(body, tracker, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ProviderFailure.Translate(ex, _identity, _options, tracker, cancellationToken) is { } failure)
        {
            throw failure;
        }

        // An empty string is a valid (if useless) answer that guardrails judge; a missing message is a broken answer.
        var content = response.Choices is [{ Message.Content: { } text }, ..] ? text
            : throw new ProviderCallException($"LLM answer had no message content (model {model}). Check that Llm__Model names a chat model.");
        var usage = response.Usage;
        _tokens.Observe(promptChars, usage?.PromptTokens ?? 0);
        return new LineDraft(content, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0, tracker.RateLimited);
    }
}
