using System.Diagnostics;

namespace PersonalizedLine.Benchmark;

/// <summary>CPU time (user + system, all threads) a process has used since it started.</summary>
public static class ProcessCpu
{
    public static TimeSpan OfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Read afresh: <see cref="Process"/> caches what it read until <see cref="Process.Refresh"/>.</summary>
    public static TimeSpan Of(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}
