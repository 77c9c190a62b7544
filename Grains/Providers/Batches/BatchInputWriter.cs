using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Writes a batch input file, one line per chat request:
/// <c>{"custom_id":…,"method":"POST","url":"/v1/chat/completions","body":{…}}</c>, where the body is byte for byte what
/// the online client sends for the same <see cref="ChatCompletionRequest"/> (<c>response_format</c> included when set).
/// Each line is built in memory first, so a line that would take the file past either limit is refused whole and the
/// caller starts the next file with it. Only one line is held at a time; the file goes straight to the stream. One
/// writer per file, used by one caller at a time.
/// </summary>
public sealed class BatchInputWriter : IDisposable
{
    /// <summary>The endpoint every line asks for; a batch is created for the same one.</summary>
    public const string ChatEndpoint = "/v1/chat/completions";

    private static readonly byte[] LineEnd = "\n"u8.ToArray();
    private readonly Stream _destination;
    private readonly ChatWireFormat _format;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly HashSet<string> _customIds = new(StringComparer.Ordinal);

    /// <param name="destination">Written from its current position; not disposed.</param>
    /// <param name="format">The online chat client's JSON settings.</param>
    /// <param name="maxBytes">The most bytes the file may hold (<c>Llm__MaxBatchFileBytes</c>).</param>
    /// <param name="maxLines">The most requests the file may hold (<c>Llm__MaxRequestsPerBatch</c>).</param>
    public BatchInputWriter(Stream destination, ChatWireFormat format, long maxBytes, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLines);
        _destination = destination;
        _format = format;
        _json = new Utf8JsonWriter(_line, format.WriterOptions);
        MaxBytes = maxBytes;
        MaxLines = maxLines;
    }

    public long MaxBytes { get; }

    public int MaxLines { get; }

    /// <summary>Bytes written so far, line ends included.</summary>
    public long BytesWritten { get; private set; }

    public int LinesWritten { get; private set; }

    /// <summary>True once no further line can fit by count.</summary>
    public bool IsFull => LinesWritten >= MaxLines;

    /// <summary>
    /// Writes the request as the next line, or returns false, writing nothing, when it would take the file past
    /// <see cref="MaxLines"/> or <see cref="MaxBytes"/>.
    /// </summary>
    /// <param name="customId">Unique within the file; the results are matched to requests by it.</param>
    /// <param name="request">The chat request, exactly as it would be sent online.</param>
    /// <param name="cancellationToken">Cancels the write to the stream.</param>
    /// <exception cref="ArgumentException">The id is blank or already in this file, or the line alone is larger than <see cref="MaxBytes"/>.</exception>
    public ValueTask<bool> TryWriteAsync(string customId, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryWriteLineAsync(customId, () => JsonSerializer.Serialize(_json, request, _format.Request), cancellationToken);
    }

    /// <summary>
    /// As <see cref="TryWriteAsync"/>, for a body serialized elsewhere (e.g. by the grain that owns the rows) with the
    /// chat client's settings; it is written as it is.
    /// </summary>
    /// <exception cref="ArgumentException">The body is not one JSON object, or as for <see cref="TryWriteAsync"/>.</exception>
    public ValueTask<bool> TryWriteRawAsync(string customId, string body, CancellationToken cancellationToken)
    {
        var bytes = RawBody(body);
        return TryWriteLineAsync(customId, () => _json.WriteRawValue(bytes, skipInputValidation: true), cancellationToken);
    }

    /// <summary>The bytes the line for a serialized body takes, line end included, so a caller can keep a group of lines together.</summary>
    public int LineBytes(string customId, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customId);
        var bytes = RawBody(body);
        return Compose(customId, () => _json.WriteRawValue(bytes, skipInputValidation: true));
    }

    public void Dispose() => _json.Dispose();

    private async ValueTask<bool> TryWriteLineAsync(string customId, Action writeBody, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customId);
        if (_customIds.Contains(customId))
        {
            throw new ArgumentException($"custom_id '{customId}' is already in this batch file; the provider would reject the whole file.", nameof(customId));
        }

        if (IsFull)
        {
            return false;
        }

        var length = Compose(customId, writeBody);
        if (BytesWritten + length > MaxBytes)
        {
            return LinesWritten > 0 ? false : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The request '{customId}' alone takes {length} bytes, more than a batch file may hold ({MaxBytes}, Llm__MaxBatchFileBytes)."), nameof(customId));
        }

        await _destination.WriteAsync(_line.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _customIds.Add(customId);
        BytesWritten += length;
        LinesWritten++;
        return true;
    }

    private static byte[] RawBody(string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        var bytes = Encoding.UTF8.GetBytes(body);
        return JsonBodyCheck.IsJsonObject(bytes) ? bytes : throw new ArgumentException("A batch request body must be one JSON object.", nameof(body));
    }

    private int Compose(string customId, Action writeBody)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteString("custom_id", customId);
        _json.WriteString("method", "POST");
        _json.WriteString("url", ChatEndpoint);
        _json.WritePropertyName("body");
        writeBody();
        _json.WriteEndObject();
        _json.Flush();
        _line.Write(LineEnd);
        return _line.WrittenCount;
    }
}
