using System.Text.Json.Serialization;

namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>How a job's LLM work is sent: request by request, or through the provider's Batch API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobMode>))]
public enum JobMode
{
    [JsonStringEnumMemberName("online")]
    Online,

    [JsonStringEnumMemberName("batch")]
    Batch,
}
