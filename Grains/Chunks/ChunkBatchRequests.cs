using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.SharedRequests;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// Writes a chunk's researched rows as provider batch requests: the very chat request the online path would send,
/// alone or shared by up to the job's rows per request (consecutive researched rows), so a batch-mode line is written
/// from the same prompt as an online one.
/// </summary>
public static class ChunkBatchRequests
{
    public static IReadOnlyList<BatchRequestLine> Build(ChunkInput input, ChunkRowRenderer renderer, IReadOnlyList<RowResult?> results, LlmOptions llm)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(llm);
        var chunkKey = ChunkKeys.Chunk(input.JobId, input.ChunkIndex);
        var waiting = new List<(long Row, RowRequest Request, string Research)>();
        for (var index = 0; index < results.Count; index++)
        {
            if (results[index] is { Status: RowStatus.Researched } researched
                && renderer.Render(chunkKey, input.FirstRowNumber + index, input.Rows[index]).Request is { } request)
            {
                waiting.Add((input.FirstRowNumber + index, request, researched.Research ?? string.Empty));
            }
        }

        var lines = new List<BatchRequestLine>();
        foreach (var group in waiting.Chunk(Math.Max(1, input.Spec.RowsPerRequest)))
        {
            var id = new BatchCustomId(input.JobId, group[0].Row, group[^1].Row);
            ChatCompletionRequest body;
            if (group.Length == 1)
            {
                var (_, request, research) = group[0];
                var prompt = LinePromptBuilder.Build(request.Instructions, request.Lead, research, request.Model);
                body = ChatCompletionRequest.ForLines(request.Model, prompt.SystemPrompt, prompt.UserPrompt, llm.Temperature, llm.MaxTokens);
            }
            else
            {
                var shared = SharedPromptBuilder.Build(
                    input.Spec.PromptTemplate,
                    group.Select(row => SharedPromptBuilder.RowJson(row.Row, row.Request.Lead, row.Research)).ToList(),
                    input.Spec.Model,
                    llm.MaxTokens);
                body = ChatCompletionRequest.ForLines(
                    shared.Model, shared.SystemPrompt, shared.UserPrompt, llm.Temperature, shared.MaxTokens, ChatResponseFormat.JsonObject);
            }

            lines.Add(new BatchRequestLine(id.ToString(), JsonSerializer.Serialize(body, OpenAiJsonContext.Default.ChatCompletionRequest)));
        }

        return lines;
    }
}
