using System.Globalization;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Chunks;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.SharedRequests;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>
/// Answers "what will this file cost?" without spending anything: the file goes through the same reader, header and
/// template checks as a submission (<see cref="JobFile"/>), each row through the same renderer as a chunk
/// (<see cref="ChunkRowRenderer"/>) and, for a sample, the same prompt builder as a row (<see cref="LinePromptBuilder"/>).
/// Nothing is created and no provider is called; the research cache is only asked whether it holds a result.
/// </summary>
public sealed class JobEstimator(
    IResearchCacheProbe cache,
    CostCalculator costs,
    IOptions<UploadOptions> upload,
    IOptions<LlmOptions> llm,
    IOptions<ResearchOptions> research,
    EstimateSampling? sampling = null)
{
    /// <summary>A one-sentence opening line is about 40 tokens.</summary>
    public const int TypicalCompletionTokens = 40;

    private readonly EstimateSampling _sampling = sampling ?? EstimateSampling.Default;

    /// <exception cref="Csv.CsvInputException">The file cannot be read (same as a submission).</exception>
    /// <exception cref="JobRejectedException">The templates do not fit the file (same as a submission).</exception>
    public async Task<JobEstimate> EstimateAsync(Stream csv, JobRequest request, CancellationToken cancellationToken)
    {
        var llmOptions = llm.Value;
        var researchOptions = research.Value;
        await using var file = await JobFile.OpenAsync(csv, request, upload.Value, llmOptions, cancellationToken);
        var renderer = new ChunkRowRenderer(file.Spec);
        var researchStandIn = PromptTokens.ResearchStandIn(researchOptions.SummaryMaxChars);
        var shared = file.Spec.RowsPerRequest > 1;

        long rows = 0, valid = 0, sampledTokens = 0;
        var sampled = 0;
        var distinct = new HashSet<UInt128>();
        var keysToCheck = new List<string>();
        await foreach (var row in file.ReadRowsAsync(cancellationToken))
        {
            var (rowRequest, _) = renderer.Render("estimate", rows++, new ChunkRow(row.LineNumber, row.Cells.ToArray(), row.Problem));
            if (rowRequest is null)
            {
                continue;
            }

            valid++;
            var key = ResearchCacheKey.For(rowRequest.ResearchQuery, researchOptions);
            if (distinct.Add(UInt128.Parse(key.AsSpan(0, 32), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
                && keysToCheck.Count < _sampling.MaxCacheChecks)
            {
                keysToCheck.Add(key);
            }

            if (sampled < _sampling.PromptSampleRows)
            {
                // Rows sharing a request send their fields and research as JSON; the instructions count once per request.
                sampledTokens += shared
                    ? PromptTokens.OfText(SharedPromptBuilder.RowJson(rowRequest.RowNumber, rowRequest.Lead, researchStandIn)) + 1
                    : PromptTokens.Of(LinePromptBuilder.Build(rowRequest.Instructions, rowRequest.Lead, researchStandIn, rowRequest.Model));
                sampled++;
            }
        }

        var notes = new List<string>();
        // A job that refreshes its research searches every distinct query again, whatever is cached.
        var refreshing = file.Spec.RefreshResearchSince is not null;
        var (cachedChecked, cacheProblem) = refreshing ? (0, null) : await CountCachedAsync(keysToCheck, cancellationToken);
        var extrapolated = !refreshing && cacheProblem is null && keysToCheck.Count < distinct.Count;
        var cached = extrapolated && keysToCheck.Count > 0
            ? (long)Math.Round((double)cachedChecked * distinct.Count / keysToCheck.Count)
            : cachedChecked;

        var rowTokens = sampled == 0 ? 0 : sampled == valid ? sampledTokens : (long)Math.Round((double)sampledTokens / sampled * valid);
        var requests = new LlmRequestPlan(file.Spec.RowsPerRequest, llmOptions, shared, file.Spec.PromptTemplate, sampled == 0 ? 0 : (double)sampledTokens / sampled)
            .For(valid);
        var promptTokens = rowTokens + (requests.Shared ? requests.Count * requests.FixedPromptTokens : 0);
        var completionMax = requests.AnswerTokens;
        var completionTypical = valid * Math.Min(TypicalCompletionTokens, llmOptions.MaxTokens);
        var searches = distinct.Count - cached;
        var (seconds, binding) = file.Spec.Mode == JobMode.Batch
            ? EstimatedDuration.Compute(searches, researchOptions.RequestsPerMinute, 0, 0, 0, 0, 0)
            : EstimatedDuration.Compute(
                searches, researchOptions.RequestsPerMinute,
                requests.Count, llmOptions.RequestsPerMinute,
                promptTokens, completionMax, llmOptions.TokensPerMinute);
        // Batch mode: every LLM request goes through the Batch API, at its discount, and outside the request limits.
        var batch = file.Spec.Mode == JobMode.Batch;
        var quote = batch
            ? costs.Quote(file.Spec.Model, promptTokens, completionMax, searches, promptTokens, completionMax)
            : costs.Quote(file.Spec.Model, promptTokens, completionMax, searches);

        notes.Add(TokenNote(sampled, valid, researchOptions.SummaryMaxChars));
        notes.Add($"Completion tokens are at most Llm__MaxTokens ({llmOptions.MaxTokens}) per line; a typical one-sentence line is about {TypicalCompletionTokens}.");
        notes.Add(requests.Note);
        if (rows > valid)
        {
            notes.Add($"{rows - valid} of {rows} rows fail before any provider call (extra fields or an empty required cell) and cost nothing.");
        }

        if (refreshing)
        {
            notes.Add("refreshResearch is set: every distinct research query is searched again, cached or not.");
        }
        else if (cacheProblem is not null)
        {
            notes.Add($"The research cache could not be asked ({cacheProblem}): every distinct query is counted as a search.");
        }
        else if (extrapolated)
        {
            notes.Add($"Only the first {keysToCheck.Count} of {distinct.Count} distinct research queries were checked against the cache ({cachedChecked} cached); the cached count is extrapolated.");
        }

        notes.Add(seconds is null
            ? "No provider limit is configured (Research__RequestsPerMinute, Llm__RequestsPerMinute, Llm__TokensPerMinute): the duration is bounded by provider latency and is not estimated."
            : $"Duration at the configured limits, bound by {binding}; provider latency and other jobs sharing the limits can only make it longer.");
        notes.Add(quote.Cost is null ? quote.Note! : "Cost counts every completion at Llm__MaxTokens: an upper bound.");
        if (batch)
        {
            notes.Add($"Batch mode: the LLM requests go through the provider's Batch API at {costs.BatchDiscountPercent}% off, outside the per-minute limits; " +
                $"the provider answers within Llm__BatchCompletionWindow ({llmOptions.BatchCompletionWindow}), usually much sooner. The duration counts the research only.");
        }

        if (file.Spec.RowLimit is { } limit)
        {
            notes.Add($"A preview: only the first {limit} rows are counted.");
        }

        return new JobEstimate(
            file.Spec.Model, file.Spec.RowLimit, rows, rows - valid, distinct.Count, cached, extrapolated, searches, requests.Count,
            promptTokens, sampled, completionMax, completionTypical, seconds, binding, quote.Cost, notes)
        {
            RowsPerRequest = requests.RowsPerRequest,
            Mode = file.Spec.Mode,
            Columns = FileColumn.For(file.Spec.Headers),
            PromptTemplate = file.Spec.PromptTemplate,
            ResearchQueryTemplate = file.Spec.ResearchQueryTemplate,
            Warnings = file.Warnings,
        };
    }

    private async Task<(long Cached, string? Problem)> CountCachedAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        long cached = 0;
        try
        {
            await Parallel.ForEachAsync(
                keys,
                new ParallelOptions { MaxDegreeOfParallelism = _sampling.CacheCheckConcurrency, CancellationToken = cancellationToken },
                async (key, _) =>
                {
                    if (await cache.IsCachedAsync(key))
                    {
                        Interlocked.Increment(ref cached);
                    }
                });
            return (cached, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An estimate is still useful without the cache: it then errs on the expensive side, and says so.
            return (0, ex.Message);
        }
    }

    private static string TokenNote(int sampled, long valid, int summaryMaxChars)
    {
        var measured = sampled == valid ? $"all {valid} rows" : $"the first {sampled} of {valid} rows, averaged";
        return $"Prompt tokens are an estimate (about {PromptTokens.CharsPerToken} characters a token) of the real prompts of {measured}, " +
            $"with the research text at its cap, Research__SummaryMaxChars ({summaryMaxChars} characters).";
    }
}
