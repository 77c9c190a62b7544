namespace PersonalizedLine.Grains.Csv;

/// <summary>The text encodings an upload is accepted in. Anything else must be re-saved as UTF-8.</summary>
internal enum InputEncoding
{
    Utf8,
    Utf16LittleEndian,
    Utf16BigEndian,
}
