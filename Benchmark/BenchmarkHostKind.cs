namespace PersonalizedLine.Benchmark;

/// <summary>Where the benchmarked product runs.</summary>
public enum BenchmarkHostKind
{
    /// <summary>
    /// The API as its own process (<c>dotnet PersonalizedLine.Client.Api.dll</c>, embedded default), driven over HTTP
    /// as users drive it: its CPU and memory are the product's alone.
    /// </summary>
    Api,

    /// <summary>The silos hosted in the benchmark's process, beside the emulator, whose CPU is then counted in.</summary>
    InProcess,

    /// <summary>
    /// A local cluster started by <c>scripts/cluster up N</c>: N silo processes and the API process in the distributed
    /// profile, with Redis and PostgreSQL, driven over HTTP; each process measured apart.
    /// </summary>
    Cluster,
}
