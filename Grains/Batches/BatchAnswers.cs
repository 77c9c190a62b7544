using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Batches;

/// <summary>A line of a batch's output or error file as the chunks read it.</summary>
public static class BatchAnswers
{
    public static BatchAnswer From(BatchResultLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Completion is { Choices: [{ Message.Content: { } content } choice, ..] } completion)
        {
            return new BatchAnswer(line.CustomId ?? string.Empty, content, choice.FinishReason,
                completion.Usage?.PromptTokens ?? 0, completion.Usage?.CompletionTokens ?? 0, null);
        }

        var error = line.ErrorMessage ?? (line.Completion is null ? "the request failed" : "the answer had no message content");
        return new BatchAnswer(line.CustomId ?? string.Empty, null, null, 0, 0,
            line.ErrorCode is null ? error : $"{error} ({line.ErrorCode})");
    }
}
