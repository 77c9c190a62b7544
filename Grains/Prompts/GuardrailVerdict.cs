namespace PersonalizedLine.Grains.Prompts;

/// <summary>Outcome of <see cref="LineGuardrails.Check"/>.</summary>
/// <param name="Accepted">True when <paramref name="Line"/> may go into the output.</param>
/// <param name="Line">The cleaned line when accepted; empty when rejected, so a rejected answer cannot leak into a cell.</param>
/// <param name="Reason">Why the answer was rejected, worded for the row's error column; null when accepted.</param>
public sealed record GuardrailVerdict(bool Accepted, string Line, string? Reason)
{
    public static GuardrailVerdict Accept(string line) => new(true, line, null);

    public static GuardrailVerdict Reject(string reason) => new(false, string.Empty, reason);
}
