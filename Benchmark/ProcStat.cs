using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// A process's parent and CPU counters from <c>/proc/PID/stat</c>. Read from /proc rather than through
/// <see cref="System.Diagnostics.Process"/> because it also gives the CPU of the children the process has reaped, which
/// a server that forks a process per connection (PostgreSQL) needs, and the parent, to find its live children.
/// </summary>
/// <param name="OwnCpu">User + system time of all the process's threads (<c>utime</c> + <c>stime</c>).</param>
/// <param name="ReapedChildrenCpu">What its exited children used, added by the kernel once it waited for them (<c>cutime</c> + <c>cstime</c>).</param>
public sealed record ProcStat(int Id, int ParentId, TimeSpan OwnCpu, TimeSpan ReapedChildrenCpu)
{
    /// <summary>The unit of the counters (USER_HZ), which Linux fixes at 100 for user space on x86 and ARM.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process's counters; throws if it is gone.</summary>
    public static ProcStat Read(int processId)
    {
        var line = File.ReadAllText($"/proc/{processId}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: the fields that follow start after the last ')'.
        var fields = line[(line.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 of proc(5) (state): field N is fields[N - 3].
        return new ProcStat(
            processId,
            ParentId: int.Parse(fields[4 - 3], CultureInfo.InvariantCulture),
            OwnCpu: Ticks(fields[14 - 3]) + Ticks(fields[15 - 3]),
            ReapedChildrenCpu: Ticks(fields[16 - 3]) + Ticks(fields[17 - 3]));
    }

    /// <summary>The live children of <paramref name="parentId"/>; those that exit while /proc is read are skipped.</summary>
    public static IReadOnlyList<ProcStat> ChildrenOf(int parentId)
    {
        var children = new List<ProcStat>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var stat = Read(id);
                if (stat.ParentId == parentId)
                {
                    children.Add(stat);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Exited meanwhile.
            }
        }

        return children;
    }

    private static TimeSpan Ticks(string value) => TimeSpan.FromSeconds(long.Parse(value, CultureInfo.InvariantCulture) / TicksPerSecond);
}
