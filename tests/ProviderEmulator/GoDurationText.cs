using System.Globalization;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// Writes a duration the way Go's <c>time.Duration</c> prints it, rounded up to 10 ms like Groq's
/// <c>x-ratelimit-reset-*</c> headers (<c>0s</c>, <c>660ms</c>, <c>7.66s</c>, <c>2m59.56s</c>, <c>1h2m3s</c>).
/// Rounding up keeps a client that waits exactly that long on the safe side.
/// </summary>
internal static class GoDurationText
{
    public static string Format(TimeSpan duration)
    {
        var centiseconds = (long)Math.Ceiling(Math.Max(0, duration.Ticks) / (double)(TimeSpan.TicksPerMillisecond * 10));
        if (centiseconds == 0)
        {
            return "0s";
        }

        if (centiseconds < 100)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{centiseconds * 10}ms");
        }

        var hours = centiseconds / 360_000;
        var minutes = centiseconds / 6_000 % 60;
        var seconds = (centiseconds % 6_000) / 100.0;
        var text = seconds.ToString("0.##", CultureInfo.InvariantCulture) + "s";
        if (hours > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{hours}h{minutes}m{text}");
        }

        return minutes > 0 ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m{text}") : text;
    }
}
