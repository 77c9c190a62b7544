using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The JSON settings the online chat client (<see cref="IChatCompletionsApi"/>) really uses, taken from its Refit
/// registration, so that a request written into a batch file is byte for byte the body the online call would send, and
/// a batched answer is read exactly as an online one.
/// </summary>
public sealed class ChatWireFormat
{
    public ChatWireFormat(SettingsFor<IChatCompletionsApi> chatSettings)
        : this((chatSettings?.Settings?.ContentSerializer as SystemTextJsonContentSerializer)?.SerializerOptions ?? OpenAiJsonContext.Default.Options)
    {
    }

    public ChatWireFormat(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Request = (JsonTypeInfo<ChatCompletionRequest>)options.GetTypeInfo(typeof(ChatCompletionRequest));
        Response = (JsonTypeInfo<ChatCompletionResponse>)options.GetTypeInfo(typeof(ChatCompletionResponse));
    }

    public JsonSerializerOptions Options { get; }

    public JsonTypeInfo<ChatCompletionRequest> Request { get; }

    public JsonTypeInfo<ChatCompletionResponse> Response { get; }

    /// <summary>
    /// Writer settings with the serializer's escaping, so a body written through a <see cref="Utf8JsonWriter"/> matches
    /// the serializer's own output. Never indented: a batch input line must stay one line.
    /// </summary>
    public JsonWriterOptions WriterOptions => new() { Encoder = Options.Encoder, Indented = false, MaxDepth = Options.MaxDepth };
}
