using System.Buffers;
using System.Text.Unicode;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Decides the encoding of a file without a byte order mark from its first block: UTF-8 when the block is valid
/// UTF-8, else Windows-1252 (Excel's plain "CSV" on Western Windows; its letters are Latin-1's), unless the block
/// also holds UTF-8 characters, which means the file mixes both and cannot be read without garbling part of it. A
/// block of plain ASCII (the same in both) leaves the decision to the first byte that is not.
/// </summary>
internal static class TextEncodingSniffer
{
    /// <param name="block">The first bytes of the file, after any byte order mark.</param>
    /// <param name="isWholeInput">True when the block is the whole file (a character may not be cut at its end).</param>
    /// <param name="firstLegacyLine">For Windows-1252 (or mixed): the line of the first byte that is not UTF-8.</param>
    /// <param name="firstUtf8Line">For a mixed block: the line of the first UTF-8 character.</param>
    public static InputEncoding Detect(ReadOnlySpan<byte> block, bool isWholeInput, out long firstLegacyLine, out long? firstUtf8Line)
    {
        firstLegacyLine = 0;
        firstUtf8Line = null;
        if (!isWholeInput && block.IndexOfAnyExceptInRange((byte)0, (byte)0x7F) < 0)
        {
            return InputEncoding.AsciiSoFar;
        }

        var invalidAt = FirstInvalidUtf8(block, isWholeInput);
        if (invalidAt < 0)
        {
            return InputEncoding.Utf8;
        }

        var lines = default(LineCounter);
        firstLegacyLine = lines.LineAt(block, invalidAt);
        var utf8At = Utf8Sequences.FindFirstMultiByte(block, out _);
        if (utf8At >= 0)
        {
            firstUtf8Line = lines.LineAt(block, utf8At);
        }

        return InputEncoding.Windows1252;
    }

    /// <summary>The offset of the first byte that is not part of valid UTF-8, or -1.</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> block, bool isWholeInput)
    {
        Span<char> scratch = stackalloc char[2048];
        var offset = 0;
        while (true)
        {
            var status = Utf8.ToUtf16(block[offset..], scratch, out var read, out _, replaceInvalidSequences: false, isFinalBlock: isWholeInput);
            offset += read;
            switch (status)
            {
                case OperationStatus.DestinationTooSmall:
                    continue;
                case OperationStatus.InvalidData:
                    return offset;
                default:
                    return -1; // Done, or a character cut at the end of a block that is not the whole file
            }
        }
    }
}
