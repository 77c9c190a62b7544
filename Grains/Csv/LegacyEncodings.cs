using System.Text;

namespace PersonalizedLine.Grains.Csv;

/// <summary>The code-page encodings .NET only offers once their provider is registered.</summary>
internal static class LegacyEncodings
{
    /// <summary>
    /// Windows-1252, which every Latin-1 letter reads the same in; it adds € ’ “ ” – — and a few more where Latin-1 has
    /// invisible control characters. Never fails: the five bytes it leaves undefined map to control characters.
    /// </summary>
    public static Encoding Windows1252 { get; } = Load(1252);

    private static Encoding Load(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(codePage);
    }
}
