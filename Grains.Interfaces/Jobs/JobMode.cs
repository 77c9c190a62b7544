namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>How a job's LLM work is sent: online chat completions, or the provider's Batch API (cheaper, within hours).</summary>
[GenerateSerializer, Alias("job-mode")]
public enum JobMode
{
    Online = 0,
    Batch = 1,
}
