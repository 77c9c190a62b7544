using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// One line of a batch's output or error file as sent:
/// <c>{"id":"batch_req_…","custom_id":…,"response":{"status_code":…,"request_id":…,"body":{…}}|null,"error":{"code","message"}|null}</c>.
/// Read into a <see cref="BatchResultLine"/> by <see cref="BatchResultParser"/>.
/// </summary>
public sealed record BatchOutputLine
{
    [JsonPropertyName("custom_id")]
    public string? CustomId { get; init; }

    [JsonPropertyName("response")]
    public BatchOutputResponse? Response { get; init; }

    [JsonPropertyName("error")]
    public BatchOutputError? Error { get; init; }
}
