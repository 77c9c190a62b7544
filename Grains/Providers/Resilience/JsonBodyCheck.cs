using System.Buffers;
using System.Text.Json;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Spots a 2xx answer whose body is not a JSON object (a proxy's HTML page, a truncated stream), so the retry
/// strategy can treat it like a 5xx instead of letting it surface as a deserialization error.
/// </summary>
public static class JsonBodyCheck
{
    /// <summary>
    /// Buffers the body (provider answers are a few KB) so the caller can still read it afterwards,
    /// then checks that it is exactly one well-formed JSON object.
    /// </summary>
    public static async ValueTask<bool> IsMalformedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);

        // The buffered body is read through a pooled copy: every provider answer passes here. The content may hand the
        // caller this same stream later, so it is rewound and left open.
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var length = checked((int)body.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            await body.ReadExactlyAsync(copy.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            return !IsJsonObject(copy.AsSpan(0, length));
        }
        finally
        {
            body.Position = 0;
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    public static bool IsJsonObject(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
