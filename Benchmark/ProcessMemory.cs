using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// A process's resident set from <c>/proc/PID/status</c>: its peak over the process's lifetime (<c>VmHWM</c>, which
/// the kernel keeps, so no sampling can miss a spike) and now (<c>VmRSS</c>).
/// </summary>
public sealed record ProcessMemory(long PeakBytes, long CurrentBytes)
{
    public static ProcessMemory Of(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return new ProcessMemory(Kilobytes(status, "VmHWM:") * 1024, Kilobytes(status, "VmRSS:") * 1024);
    }

    public static double Mebibytes(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>A line such as <c>VmHWM:	  831244 kB</c>.</summary>
    private static long Kilobytes(string[] status, string field)
    {
        var line = status.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/proc status has no {field} line.");
        var value = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return long.Parse(value, CultureInfo.InvariantCulture);
    }
}
