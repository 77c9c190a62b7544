using Orleans.Storage;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>
/// How the silos' PostgreSQL storage turns grain state into its payload: Orleans' binary form is written, and a payload
/// in JSON (what the ADO.NET provider wrote by default, so every row from before) is still read, and is rewritten in the
/// binary form on its grain's next write. In the 3-silo benchmark Newtonsoft's JSON, with its type names, took a twentieth
/// of the silos' CPU; the binary form takes a fraction of that and is smaller on the wire and on disk.
/// </summary>
/// <remarks>
/// The table has no column for the format, so the payload tells: JSON of an object starts with <c>{</c> (0x7B), and
/// Orleans' binary form of a state object starts with the object's field header, which is never that byte (the tests
/// check it for every state type the product stores).
/// </remarks>
public sealed class BinaryStateSerializer(IGrainStorageSerializer binary, IGrainStorageSerializer json) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => binary.Serialize(input);

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IsJson(input.ToMemory().Span) ? json.Deserialize<T>(input) : binary.Deserialize<T>(input);
    }

    /// <summary>True for a payload that is JSON text: an object, after any whitespace or byte-order mark.</summary>
    public static bool IsJson(ReadOnlySpan<byte> payload)
    {
        if (payload.StartsWith("\uFEFF"u8))
        {
            payload = payload[3..];
        }

        var text = payload.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'{';
    }
}
