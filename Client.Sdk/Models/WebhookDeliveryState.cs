using System.Text.Json.Serialization;

namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>Where one webhook delivery stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryState>))]
public enum WebhookDeliveryState
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("delivered")]
    Delivered,

    [JsonStringEnumMemberName("gaveUp")]
    GaveUp,
}
