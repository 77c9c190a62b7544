namespace PersonalizedLine.Tests.Web;

/// <summary>One item of a text/event-stream: an event with its type and data, or a comment line (a heartbeat).</summary>
public sealed record ServerSentEvent(string? Type, string? Data, string? Comment)
{
    public bool IsComment => Comment is not null;
}
