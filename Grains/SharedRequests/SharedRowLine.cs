namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// What a shared request gave one of its rows: the model's raw line (still to pass the guardrails), or that the row
/// goes alone: <see cref="Alone"/> when no other row came to share its request, with a reason when the shared answer
/// failed it.
/// </summary>
public sealed record SharedRowLine(string? Line, string? SendAloneReason)
{
    /// <summary>No other row was there to share a request with: the row is sent the ordinary way, which is cheaper for one.</summary>
    public static SharedRowLine Alone { get; } = new(null, null);

    public static SharedRowLine Answered(string line) => new(line, null);

    public static SharedRowLine SendAlone(string reason) => new(null, reason);
}
