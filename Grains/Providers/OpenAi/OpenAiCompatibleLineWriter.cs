using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Writes lines with chat completions on any OpenAI-compatible API (Groq by default): one row per request, or several
/// rows sharing one request in JSON mode.
/// </summary>
public sealed class OpenAiCompatibleLineWriter : ILineWriter, ISharedLineWriter
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
        _identity = ProviderIdentity.ForLlm(_options);
    }

    public bool IsOffline => false;

    public async Task<LineDraft> WriteLineAsync(LineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (content, _, usage, rateLimited) = await CompleteAsync(
            request.SystemPrompt, request.UserPrompt, request.Model, _options.MaxTokens, null, cancellationToken).ConfigureAwait(false);
        return new LineDraft(content, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0, rateLimited);
    }

    public async Task<SharedLineAnswer> WriteSharedAsync(SharedLineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (content, finishReason, usage, rateLimited) = await CompleteAsync(
            request.SystemPrompt, request.UserPrompt, request.Model, request.MaxTokens, ChatResponseFormat.JsonObject, cancellationToken).ConfigureAwait(false);
        return new SharedLineAnswer(content, finishReason, usage?.PromptTokens ?? 0, usage?.CompletionTokens ?? 0, rateLimited);
    }

    private async Task<(string Content, string? FinishReason, ChatUsage? Usage, int RateLimited)> CompleteAsync(
        string systemPrompt, string userPrompt, string requestedModel, int maxTokens, ChatResponseFormat? format, CancellationToken cancellationToken)
    {
        var model = string.IsNullOrWhiteSpace(requestedModel) ? _options.Model : requestedModel;
        var body = ChatCompletionRequest.ForLines(model, systemPrompt, userPrompt, _options.Temperature, maxTokens, format);

        // What a tokens-per-minute limit will count for this request: the prompt plus the most the answer may take
        // (costed when its permit is granted); the usage answered teaches the estimator the provider's real ratio.
        var promptChars = systemPrompt.Length + userPrompt.Length;
        var tracker = new ProviderCallTracker { Model = model, Size = new PromptSize(promptChars, maxTokens) };
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
        var (content, finishReason) = response.Choices is [{ Message.Content: { } text } choice, ..] ? (text, choice.FinishReason)
            : throw new ProviderCallException($"LLM answer had no message content (model {model}). Check that Llm__Model names a chat model.");
        _tokens.Observe(promptChars, response.Usage?.PromptTokens ?? 0);
        return (content, finishReason, response.Usage, tracker.RateLimited);
    }
}
