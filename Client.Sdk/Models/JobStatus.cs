using System.Text.Json.Serialization;

namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>Where a job is in its life; the API sends the names in lower case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobStatus>))]
public enum JobStatus
{
    /// <summary>Created; its rows are still being uploaded.</summary>
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>The job could not go on (its upload was interrupted); the job's error says why.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    /// <summary>No new rows start until it is resumed: asked by a person, or a provider refused the server's key.</summary>
    [JsonStringEnumMemberName("paused")]
    Paused,
}
