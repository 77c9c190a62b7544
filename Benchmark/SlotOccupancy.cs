using System.Diagnostics;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// Samples, every 50 ms while the job runs, how many calls the emulator is answering (searches plus LLM calls: a row
/// holding a slot is in one or the other, or between them). Against the slots of every silo this shows where a
/// latency-bound job lost time: at its start (slots filling), in its steady state (rows between calls), or at its end
/// (slots emptying as the last rows finish), in seconds of full throughput.
/// </summary>
public sealed class SlotOccupancy : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan StartSpan = TimeSpan.FromSeconds(6);

    private readonly List<(TimeSpan At, long Calls)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _sampling;

    public SlotOccupancy(ProviderEmulator.ProviderEmulator emulator) => _sampling = SampleAsync(emulator);

    /// <summary>One line for the report; <paramref name="slots"/> is rows in flight per silo × silos, <paramref name="rowSeconds"/> a row's provider latency.</summary>
    public string Describe(int slots, double rowSeconds)
    {
        List<(TimeSpan At, long Calls)> samples;
        lock (_samples)
        {
            samples = [.. _samples];
        }

        var busy = samples.Where(sample => sample.Calls > 0).ToList();
        if (busy.Count < 2 || slots <= 0 || rowSeconds <= 0)
        {
            return "n/a (no provider latency to fill slots with)";
        }

        var first = busy[0].At;
        var last = busy[^1].At;
        var endSpan = TimeSpan.FromSeconds(rowSeconds);
        double used = 0, lostStart = 0, lostSteady = 0, lostEnd = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            var (at, calls) = samples[i];
            if (at <= first || at > last)
            {
                continue;
            }

            var seconds = (at - samples[i - 1].At).TotalSeconds;
            var idle = Math.Max(0, slots - calls) * seconds / slots;
            used += Math.Min(calls, slots) * seconds;
            if (at - first <= StartSpan)
            {
                lostStart += idle;
            }
            else if (last - at < endSpan)
            {
                lostEnd += idle;
            }
            else
            {
                lostSteady += idle;
            }
        }

        var span = (last - first).TotalSeconds;
        return $"{100 * used / (slots * span):N1} % of {slots:N0} slots over {span:N1} s in provider calls; idle slots cost {lostStart:N2} s in the first {StartSpan.TotalSeconds:N0} s, "
            + $"{lostSteady:N2} s after, {lostEnd:N2} s in the last {rowSeconds:N0} s (an even spread of the last rows' starts alone costs {rowSeconds / 2:N1} s there)";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync(ProviderEmulator.ProviderEmulator emulator)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                lock (_samples)
                {
                    _samples.Add((_clock.Elapsed, emulator.Search.InFlight + emulator.Llm.InFlight));
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped with the job.
        }
    }
}
