using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.Rows;

/// <summary>A model's line as a row's result: the guardrails every line passes, however it was written.</summary>
public static class CheckedLine
{
    public static RowResult Result(string text, UsageTotals usage, int maxLineLength)
    {
        var verdict = LineGuardrails.Check(text, maxLineLength);
        return verdict.Accepted
            ? RowResult.Ok(verdict.Line, usage)
            : RowResult.Failed($"The line was rejected: {verdict.Reason}.", usage);
    }
}
