using System.Text;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The first block of an upload, read before parsing so that the encoding, binary content and the
/// separator can be decided up front. The block is replayed afterwards, so the input stream does not
/// need to be seekable (an HTTP request body is not).
/// </summary>
internal sealed class InputPreamble
{
    private InputPreamble(byte[] buffer, int length, bool isWholeInput)
    {
        Buffer = buffer;
        Length = length;
        IsWholeInput = isWholeInput;
        (Encoding, BomLength) = DetectBom(buffer.AsSpan(0, length));
        if (Encoding == InputEncoding.Utf8 && BomLength == 0)
        {
            Encoding = TextEncodingSniffer.Detect(Content, isWholeInput, out var legacyLine, out var utf8Line);
            FirstLegacyLine = legacyLine;
            FirstUtf8Line = utf8Line;
        }
    }

    public byte[] Buffer { get; }

    /// <summary>How many bytes of <see cref="Buffer"/> were read.</summary>
    public int Length { get; }

    /// <summary>True when the input ended within the block, so the block is the whole file.</summary>
    public bool IsWholeInput { get; }

    public InputEncoding Encoding { get; }

    public int BomLength { get; }

    /// <summary>Windows-1252: the line of the first byte that is not UTF-8.</summary>
    public long FirstLegacyLine { get; }

    /// <summary>Windows-1252 detected, yet this line has a UTF-8 character: the file mixes encodings.</summary>
    public long? FirstUtf8Line { get; }

    /// <summary>The bytes after the byte order mark (which is not part of the first header name).</summary>
    public ReadOnlySpan<byte> Content => Buffer.AsSpan(BomLength, Length - BomLength);

    public static async Task<InputPreamble> ReadAsync(Stream input, int size, CancellationToken ct)
    {
        var buffer = new byte[size];
        var filled = 0;

        // A network stream hands out what has arrived so far: keep reading until the block is full.
        while (filled < size)
        {
            var read = await input.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0)
            {
                return new InputPreamble(buffer, filled, isWholeInput: true);
            }

            filled += read;
        }

        return new InputPreamble(buffer, filled, isWholeInput: false);
    }

    /// <summary>
    /// The block as text, for sniffing only: invalid bytes become U+FFFD here and are reported with
    /// their line number later, by the validating stream. A character cut at the end of the block
    /// does not matter for finding the separator.
    /// </summary>
    public string DecodeSample()
    {
        var sample = Content;
        return Encoding switch
        {
            InputEncoding.Utf16LittleEndian => System.Text.Encoding.Unicode.GetString(sample),
            InputEncoding.Utf16BigEndian => System.Text.Encoding.BigEndianUnicode.GetString(sample),
            InputEncoding.Windows1252 => LegacyEncodings.Windows1252.GetString(sample),
            _ => System.Text.Encoding.UTF8.GetString(sample),
        };
    }

    private static (InputEncoding Encoding, int BomLength) DetectBom(ReadOnlySpan<byte> start)
    {
        if (start.StartsWith("\uFEFF"u8))
        {
            return (InputEncoding.Utf8, 3);
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (InputEncoding.Utf16LittleEndian, 2);
        }

        if (start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (InputEncoding.Utf16BigEndian, 2);
        }

        // Without a BOM: UTF-8 (what Excel's "CSV UTF-8" and most tools write) unless the bytes say otherwise.
        return (InputEncoding.Utf8, 0);
    }
}
