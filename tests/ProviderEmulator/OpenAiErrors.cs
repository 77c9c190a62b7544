using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>The OpenAI error body, <c>{"error":{"message":…,"type":…,"param":…,"code":…}}</c>, shared by every <c>/v1</c> endpoint.</summary>
internal static class OpenAiErrors
{
    public static byte[] Body(string message, string type, string? code, string? param = null) =>
        JsonResponses.Serialize(w => Write(w, message, type, code, param));

    public static void Write(Utf8JsonWriter w, string message, string type, string? code, string? param = null)
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("message", message);
        w.WriteString("type", type);
        WriteNullable(w, "param", param);
        WriteNullable(w, "code", code);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
