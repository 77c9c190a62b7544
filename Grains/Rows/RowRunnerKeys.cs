using System.Globalization;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// Keys of row runners: a runner number and the silo it runs on (<c>3|127.0.0.1:11111@123</c>). A few runners per silo
/// share its rows, so no single activation's turns carry every row's completion.
/// </summary>
public static class RowRunnerKeys
{
    /// <summary>Runners per silo; a chunk uses one of them on each silo, chosen by its index.</summary>
    public const int RunnersPerSilo = 4;

    private const char Separator = '|';

    public static string For(SiloAddress silo, int runner) =>
        string.Create(CultureInfo.InvariantCulture, $"{runner % RunnersPerSilo}{Separator}{silo.ToParsableString()}");

    /// <summary>The silo a runner's key names, or null for a key of another form.</summary>
    public static SiloAddress? SiloOf(string key)
    {
        var separator = key.IndexOf(Separator, StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        try
        {
            return SiloAddress.FromParsableString(key[(separator + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
