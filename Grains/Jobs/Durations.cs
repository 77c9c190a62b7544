using System.Globalization;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>A duration as a person reads it in a message: "45 s", "10 min", "2 h", "7 days".</summary>
public static class Durations
{
    public static string Describe(TimeSpan duration) => duration switch
    {
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.#} min"),
        { TotalDays: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.#} h"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalDays:0.#} days"),
    };
}
