using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.SharedRequests;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// The one place that decides how a researched row's line is asked for: through the provider's Batch API (a batch-mode
/// row hands its research back to its chunk, which the job's provider batch is written from), in a request shared
/// with other rows of its job (when the job asks for several rows per request and a real LLM is configured), or
/// alone; a row that a shared answer could not serve is asked alone. Either way the line passes the same guardrails.
/// </summary>
public sealed class RowLineSender(ILineWriter lineWriter, SharedRequestBatcher batcher, IOptions<ProcessingOptions> options)
{
    /// <param name="request">The row.</param>
    /// <param name="research">The row's research text.</param>
    /// <param name="usage">What the row has spent so far (its research); the LLM's share is added.</param>
    /// <param name="permitWaits">The row's budget, paused while a request waits for a permit.</param>
    /// <param name="cancellationToken">The row's budget or its job's cancellation.</param>
    /// <exception cref="ProviderCallException">The provider failed for good on the row's own request.</exception>
    public async Task<RowResult> WriteAsync(
        RowRequest request, string research, UsageTotals usage, IPermitWaitListener? permitWaits, CancellationToken cancellationToken)
    {
        if (request.PrepareForBatch)
        {
            return RowResult.Researched(research, usage);
        }

        if (request.RowsPerRequest > 1 && batcher.IsAvailable)
        {
            var shared = await batcher.WriteAsync(
                new SharedRowEntry(
                    request.JobId, request.Model, request.PromptTemplate, request.RowsPerRequest, request.RowNumber,
                    SharedPromptBuilder.RowJson(request.RowNumber, request.Lead, research),
                    LeadCompany.Of(request.Lead), permitWaits),
                cancellationToken).ConfigureAwait(false);
            usage = usage.Add(shared.Usage);
            if (shared.Outcome.Line is { } line)
            {
                return CheckedLine.Result(line, usage, options.Value.MaxLineLength);
            }
        }

        var prompt = LinePromptBuilder.Build(request.Instructions, request.Lead, research, request.Model);
        var draft = await lineWriter.WriteLineAsync(prompt, cancellationToken).ConfigureAwait(false);
        return CheckedLine.Result(draft.Text, usage.Add(
            new UsageTotals(draft.PromptTokens, draft.CompletionTokens, 0, LlmRequests: 1, RateLimitedAnswers: draft.RateLimitedAnswers)),
            options.Value.MaxLineLength);
    }
}
