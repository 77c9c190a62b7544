using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>A process <c>scripts/cluster up</c> started, named as its PID file is: api, silo-N, redis or postgres.</summary>
public sealed record ClusterProcess(string Name, int Id)
{
    private const string SiloPrefix = "silo-";

    /// <summary>The product's own processes: the HTTP API and the silos. Redis and PostgreSQL are servers it uses.</summary>
    public bool IsProduct => Name == "api" || Name.StartsWith(SiloPrefix, StringComparison.Ordinal);

    /// <summary>PostgreSQL runs a process per connection under its postmaster: its CPU is the whole tree's.</summary>
    private bool IsProcessTree => Name == "postgres";

    /// <summary>Every process of <c>$CLUSTER_DIR/pids</c>: the API, the silos in order, then the servers by name.</summary>
    public static IReadOnlyList<ClusterProcess> FromPidFiles(string pidDirectory) =>
        Directory.EnumerateFiles(pidDirectory, "*.pid")
            .Select(file => new ClusterProcess(
                Path.GetFileNameWithoutExtension(file),
                int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture)))
            .OrderBy(process => process.Order)
            .ToList();

    /// <summary>CPU used since the process started (for PostgreSQL, by the postmaster and every process it started).</summary>
    public TimeSpan Cpu()
    {
        var stat = ProcStat.Read(Id);
        return IsProcessTree
            ? stat.OwnCpu + stat.ReapedChildrenCpu + ProcStat.ChildrenOf(Id).Aggregate(TimeSpan.Zero, (sum, child) => sum + child.OwnCpu + child.ReapedChildrenCpu)
            : stat.OwnCpu;
    }

    public ProcessSample Sample() => IsProcessTree
        ? new ProcessSample(Name, Id, IsProduct, Cpu(), Memory: null,
            Note: $"the postmaster and its {ProcStat.ChildrenOf(Id).Count} processes, exited ones included; memory not counted, as its shared buffers are in every process's RSS")
        : new ProcessSample(Name, Id, IsProduct, Cpu(), ProcessMemory.Of(Id));

    /// <summary>The API first, the silos by number, then the servers.</summary>
    private (int Group, int Number, string Name) Order => Name switch
    {
        "api" => (0, 0, Name),
        _ when Name.StartsWith(SiloPrefix, StringComparison.Ordinal) && int.TryParse(Name[SiloPrefix.Length..], CultureInfo.InvariantCulture, out var number) => (1, number, Name),
        _ => (2, 0, Name),
    };
}
