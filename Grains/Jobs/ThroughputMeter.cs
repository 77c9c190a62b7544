namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// Rows per second over a sliding window of recent progress samples, so the rate and the ETA follow the
/// current speed (a rate limit kicking in shows at once) rather than the average since the start.
/// </summary>
public sealed class ThroughputMeter(TimeSpan window)
{
    private static readonly TimeSpan MinSampleSpacing = TimeSpan.FromMilliseconds(250);
    private readonly Queue<(DateTimeOffset At, long Processed)> _samples = new();
    private DateTimeOffset _lastSampleAt = DateTimeOffset.MinValue;

    public void Record(DateTimeOffset at, long processed)
    {
        if (at - _lastSampleAt < MinSampleSpacing)
        {
            return;
        }

        _lastSampleAt = at;
        _samples.Enqueue((at, processed));
        while (_samples.Count > 2 && at - _samples.Peek().At > window)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>Rows per second; falls back to the average since <paramref name="startedAt"/> while the window is short.</summary>
    public double RowsPerSecond(DateTimeOffset now, DateTimeOffset? startedAt, long processed)
    {
        if (_samples.Count >= 2)
        {
            var first = _samples.Peek();
            var seconds = (now - first.At).TotalSeconds;
            if (seconds >= 1)
            {
                return Math.Max(0, processed - first.Processed) / seconds;
            }
        }

        if (startedAt is { } start && (now - start).TotalSeconds >= 0.5)
        {
            return processed / (now - start).TotalSeconds;
        }

        return 0;
    }
}
