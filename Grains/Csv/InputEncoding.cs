namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The text encodings an upload is accepted in. UTF-16 only with its byte order mark; Windows-1252 (a superset of
/// Latin-1's letters, what Excel's plain "CSV" export writes on Western Windows) when the bytes are not UTF-8.
/// </summary>
internal enum InputEncoding
{
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
    Windows1252,

    /// <summary>No BOM and only ASCII in the first block: the first byte that is not ASCII decides between the two above.</summary>
    AsciiSoFar,
}
