namespace PersonalizedLine.Benchmark;

/// <summary>One process's CPU so far and resident set, read at one moment.</summary>
/// <param name="Name">What it is (<c>api</c>, <c>silo-1</c>, <c>redis</c>, <c>postgres</c>).</param>
/// <param name="IsProduct">The product's own process, as against a server it uses.</param>
/// <param name="Memory">Its resident set, or null where one figure would mislead (see <paramref name="Note"/>).</param>
/// <param name="Note">What the figures cover, where that is not just the one process.</param>
public sealed record ProcessSample(string Name, int Id, bool IsProduct, TimeSpan Cpu, ProcessMemory? Memory, string? Note = null);
