using System.Buffers;
using System.Text;
using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// A batch output or error file being written, one JSON object a line:
/// <c>{"id":"batch_req_…","custom_id":…,"response":{"status_code":…,"request_id":…,"body":{…}},"error":null}</c>, or
/// <c>"response":null,"error":{"code":…,"message":…}</c> for a request that got no answer.
/// </summary>
internal sealed class BatchOutputLines
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public int Count { get; private set; }

    public void AddResponse(BatchRequestResult result) => Add(result.Request, w =>
    {
        w.WriteStartObject("response");
        w.WriteNumber("status_code", result.Answer.StatusCode);
        w.WriteString("request_id", result.RequestId);
        w.WritePropertyName("body");
        WriteBody(w, result.Answer.Body);
        w.WriteEndObject();
        w.WriteNull("error");
    });

    public void AddError(BatchInputLine request, string code, string message) => Add(request, w =>
    {
        w.WriteNull("response");
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Add(BatchInputLine request, Action<Utf8JsonWriter> writeOutcome)
    {
        using (var w = new Utf8JsonWriter(_buffer))
        {
            w.WriteStartObject();
            w.WriteString("id", OpenAiIds.New("batch_req_"));
            w.WriteString("custom_id", request.CustomId);
            writeOutcome(w);
            w.WriteEndObject();
        }

        _buffer.Write(NewLine);
        Count++;
    }

    // The body is embedded as JSON when it is JSON; a scripted garbage body becomes a JSON string, which a client
    // expecting a completion object fails to read just as it would online.
    private static void WriteBody(Utf8JsonWriter w, byte[] body)
    {
        if (IsJson(body))
        {
            w.WriteRawValue(body, skipInputValidation: true);
        }
        else
        {
            w.WriteStringValue(Encoding.UTF8.GetString(body));
        }
    }

    private static bool IsJson(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
