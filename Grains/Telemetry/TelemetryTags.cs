namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// Tag names on the product's instruments and activities. Only bounded values (silo, provider, reason, status class)
/// go on metrics; job id, chunk and row number go on sampled activities only. Lead data never does.
/// </summary>
public static class TelemetryTags
{
    public const string Silo = "silo";
    public const string Reason = "reason";
    public const string Outcome = "outcome";
    public const string Provider = "provider";
    public const string StatusClass = "status_class";
    public const string Limit = "limit";
    public const string Kind = "kind";
    public const string JobId = "job.id";
    public const string Chunk = "job.chunk";
    public const string Row = "job.row";
}
