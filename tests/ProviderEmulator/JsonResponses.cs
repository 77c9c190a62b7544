using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>Writes small JSON or text answers without reflection-based serialization.</summary>
internal static class JsonResponses
{
    /// <summary>
    /// Escapes only what JSON requires (<c>\"</c>, not <c>\u0022</c>; non-ASCII letters as they are), as providers
    /// write it, so the JSON a batched answer carries inside its content reads and truncates like a model's.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) =>
        WriteAsync(context, status, "application/json", Serialize(write));

    public static Task WriteRawAsync(HttpContext context, int status, string contentType, string body) =>
        WriteAsync(context, status, contentType, Encoding.UTF8.GetBytes(body));

    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
