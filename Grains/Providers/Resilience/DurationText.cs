using System.Globalization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Short durations for error messages: "300ms", "30s", "1.5s", "3m".</summary>
internal static class DurationText
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMilliseconds}ms");
        }

        if (value.TotalSeconds % 60 == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalMinutes}m");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(value.TotalSeconds, 1)}s");
    }
}
