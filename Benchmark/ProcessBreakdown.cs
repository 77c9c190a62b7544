namespace PersonalizedLine.Benchmark;

/// <summary>
/// The report's lines for a product that runs as several processes: each process's CPU over the measured job and
/// its memory, then the sum, so a silo that did more than its share, or a server that cost more than the product,
/// shows.
/// </summary>
public static class ProcessBreakdown
{
    /// <param name="before">Sampled just before the measured job's upload.</param>
    /// <param name="after">Sampled just after its download.</param>
    /// <param name="afterWarmup">Whether a warm-up job ran first: the peaks, over each process's lifetime, include it.</param>
    public static void Print(IReadOnlyList<ProcessSample> before, IReadOnlyList<ProcessSample> after, int rows, TimeSpan wall, bool afterWarmup)
    {
        var labels = after.ToDictionary(sample => sample.Name, sample => $"{sample.Name} (pid {sample.Id})");
        var width = labels.Values.Max(label => label.Length) + 2;
        Console.WriteLine($"per process          CPU over the job (upload to download); peak RSS (VmHWM, process lifetime{(afterWarmup ? ", warm-up included" : string.Empty)}) and RSS at the end");
        var total = TimeSpan.Zero;
        foreach (var end in after)
        {
            var cpu = end.Cpu - (before.FirstOrDefault(start => start.Name == end.Name)?.Cpu ?? TimeSpan.Zero);
            total += cpu;
            var memory = end.Memory is { } m
                ? $"; peak {ProcessMemory.Mebibytes(m.PeakBytes):N0} MiB, {ProcessMemory.Mebibytes(m.CurrentBytes):N0} MiB at the end"
                : string.Empty;
            var note = end.Note is null ? string.Empty : $"; {end.Note}";
            Console.WriteLine($"  {labels[end.Name].PadRight(width)}{Cpu(cpu, rows, wall)}{memory}{note}");
        }

        var servers = after.Any(sample => !sample.IsProduct) ? ", Redis and PostgreSQL" : string.Empty;
        Console.WriteLine($"  {"all".PadRight(width)}{Cpu(total, rows, wall)} (the API, the silos{servers}; the benchmark's own is above)");
    }

    private static string Cpu(TimeSpan cpu, int rows, TimeSpan wall) =>
        $"CPU {cpu.TotalSeconds,6:N1} s = {cpu.TotalMilliseconds / rows:N2} ms per row ({cpu / wall:N2} cores busy)";
}
