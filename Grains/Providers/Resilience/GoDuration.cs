using System.Globalization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Parses Go's <c>time.Duration</c> text (<c>7.66s</c>, <c>2m59.56s</c>, <c>250ms</c>, <c>1h2m</c>), the format
/// Groq uses in its <c>x-ratelimit-reset-*</c> headers. <see cref="TimeSpan.Parse(string)"/> does not read it.
/// </summary>
public static class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span is "0")
        {
            return true;
        }

        double totalMilliseconds = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && !char.IsAsciiDigit(span[numberLength + unitLength]) && span[numberLength + unitLength] != '.')
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitMilliseconds = UnitInMilliseconds(span.Slice(numberLength, unitLength));
            if (unitMilliseconds is null)
            {
                return false;
            }

            totalMilliseconds += value * unitMilliseconds.Value;
            span = span[(numberLength + unitLength)..];
        }

        if (totalMilliseconds > TimeSpan.MaxValue.TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(totalMilliseconds);
        return true;
    }

    private static double? UnitInMilliseconds(ReadOnlySpan<char> unit) => unit switch
    {
        "h" => 3_600_000,
        "m" => 60_000,
        "s" => 1_000,
        "ms" => 1,
        "us" or "µs" or "μs" => 0.001,
        "ns" => 0.000_001,
        _ => null,
    };
}
