using System.Globalization;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Rows;
using PersonalizedLine.Grains.SharedRequests;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// Reads one provider batch answer for a chunk's rows, exactly as an online answer would be read: a row alone through
/// the guardrails; rows sharing the request through <see cref="SharedAnswerReader"/> (by id, never by position), the
/// rows it cannot serve asked again online.
/// </summary>
public static class ChunkBatchAnswers
{
    /// <param name="answer">The answer.</param>
    /// <param name="input">The chunk.</param>
    /// <param name="renderer">The chunk's renderer of the job's templates (for the rows' companies).</param>
    /// <param name="results">The chunk's results so far: only rows still researched are answered.</param>
    /// <param name="maxLineLength"><c>Processing__MaxLineLength</c>.</param>
    /// <returns>One outcome per row the answer is for; empty when it is for none of this chunk's waiting rows.</returns>
    public static IReadOnlyList<BatchRowOutcome> Read(
        BatchAnswer answer, ChunkInput input, ChunkRowRenderer renderer, IReadOnlyList<RowResult?> results, int maxLineLength)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(results);
        if (BatchCustomId.TryParse(answer.CustomId) is not { } id || id.JobId != input.JobId)
        {
            return [];
        }

        var rows = new List<int>();
        for (var row = Math.Max(id.FirstRow, input.FirstRowNumber); row <= Math.Min(id.LastRow, input.FirstRowNumber + results.Count - 1); row++)
        {
            var index = (int)(row - input.FirstRowNumber);
            if (results[index] is { Status: RowStatus.Researched })
            {
                rows.Add(index);
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        if (answer.Content is null || answer.Error is not null)
        {
            var error = answer.Error ?? "the provider batch returned no answer for this request";
            return rows.Select(index => new BatchRowOutcome(index, null, false, error)).ToList();
        }

        if (!id.IsShared)
        {
            var usage = results[rows[0]]!.Usage;
            return [new BatchRowOutcome(rows[0], CheckedLine.Result(answer.Content, usage, maxLineLength), false, null)];
        }

        var chunkKey = ChunkKeys.Chunk(input.JobId, input.ChunkIndex);
        var identities = rows.Select(index =>
        {
            var lead = renderer.Render(chunkKey, input.FirstRowNumber + index, input.Rows[index]).Request?.Lead;
            return new SharedRowIdentity(
                (input.FirstRowNumber + index).ToString(CultureInfo.InvariantCulture), lead is null ? null : LeadCompany.Of(lead));
        }).ToList();
        var lines = SharedAnswerReader.Read(answer.Content, answer.FinishReason, identities);
        return rows.Select((index, position) => lines[position].Line is { } line
                ? new BatchRowOutcome(index, CheckedLine.Result(line, results[index]!.Usage, maxLineLength), false, null)
                : new BatchRowOutcome(index, null, true, null))
            .ToList();
    }

    /// <summary>What a batch request cost: counted once per request, as both LLM and batch usage.</summary>
    public static UsageTotals UsageOf(BatchAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Content is null
            ? UsageTotals.None
            : new UsageTotals(answer.PromptTokens, answer.CompletionTokens, 0, LlmRequests: 1,
                BatchRequests: 1, BatchPromptTokens: answer.PromptTokens, BatchCompletionTokens: answer.CompletionTokens);
    }
}
