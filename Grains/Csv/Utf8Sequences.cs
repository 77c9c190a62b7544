using System.Buffers;
using System.Text;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Finds UTF-8 in bytes of an unknown 8-bit text. A multi-byte UTF-8 character (é is C3 A9) reads as two or three
/// unlikely characters in Windows-1252 ("Ã©"), so its presence in a file that is not valid UTF-8 means the file mixes
/// encodings: reading it either way would garble part of it.
/// </summary>
internal static class Utf8Sequences
{
    /// <summary>
    /// The offset of the first complete multi-byte UTF-8 character in <paramref name="bytes"/>, or -1. When the bytes
    /// end inside what may still become one, <paramref name="undecided"/> is the offset where it starts (else -1).
    /// </summary>
    public static int FindFirstMultiByte(ReadOnlySpan<byte> bytes, out int undecided)
    {
        undecided = -1;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0xC2 || bytes[i] > 0xF4)
            {
                continue; // ASCII, a continuation byte, or a byte that never starts a UTF-8 character
            }

            var status = Rune.DecodeFromUtf8(bytes[i..], out _, out _);
            if (status == OperationStatus.Done)
            {
                return i;
            }

            if (status == OperationStatus.NeedMoreData)
            {
                undecided = i;
                return -1;
            }
        }

        return -1;
    }
}
