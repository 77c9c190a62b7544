using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>Finds the row runners a chunk sends its rows to: those of the silos that are active now.</summary>
public sealed class RowRunners(IClusterMembershipService membership, ILocalSiloDetails localSilo, IGrainFactory grains)
{
    // One object, replaced whole: every chunk of the silo reads it from its own thread, and a struct pair could be read
    // half old, half new (a new version with the old silos, kept until the next change).
    private Tuple<MembershipVersion, SiloAddress[]> _active = Tuple.Create(MembershipVersion.MinValue, Array.Empty<SiloAddress>());

    /// <summary>The active silos (at least this one), recomputed only when the membership changes.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilos()
    {
        var snapshot = membership.CurrentSnapshot;
        var known = Volatile.Read(ref _active);
        if (known.Item1 == snapshot.Version && known.Item2.Length > 0)
        {
            return known.Item2;
        }

        var silos = snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).ToArray();
        if (silos.Length == 0)
        {
            silos = [localSilo.SiloAddress];
        }

        Volatile.Write(ref _active, Tuple.Create(snapshot.Version, silos));
        return silos;
    }

    /// <summary>
    /// The silos in the order a job's rows take them in turn (<see cref="SiloFor"/>): by a score of the job and the silo,
    /// from Orleans' stable hash of the silo, not a per-process one, so every chunk of the job, wherever it lives, sees
    /// the same order. Each job has its own, so the odd rows of many small jobs do not all land on the same silo.
    /// </summary>
    public static SiloAddress[] TurnOrder(IReadOnlyList<SiloAddress> silos, string jobId)
    {
        var job = StableHash(jobId);
        return [.. silos
            .OrderByDescending(silo => Mix(job ^ (ulong)(uint)silo.GetConsistentHashCode()))
            .ThenBy(silo => silo.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>
    /// The silo a row is first sent to: the silos of <paramref name="turnOrder"/> in turn, by row number. A job's rows are
    /// shared exactly (no silo has more than one row more than another). Rows take about as long each and a silo's
    /// rows move in waves of its slots, so a silo given a few dozen rows more than the others, as a random spread gives,
    /// ran them in a wave of their own after the others had finished: a whole row time more for the job. A row started
    /// again goes where it went before while that silo is active (the chunk remembers), so a silo joining or leaving
    /// moves no row that is running.
    /// </summary>
    public static SiloAddress SiloFor(IReadOnlyList<SiloAddress> turnOrder, long rowNumber) =>
        turnOrder[(int)(rowNumber % turnOrder.Count)];

    /// <summary>The runner a chunk uses on a silo: one per chunk and silo, so a chunk's rows there arrive in one call.</summary>
    public IRowRunnerGrain On(SiloAddress silo, int chunkIndex) => grains.GetGrain<IRowRunnerGrain>(RowRunnerKeys.For(silo, chunkIndex));

    /// <summary>A 64-bit finalizer (splitmix64): spreads near-equal inputs over the whole range.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>FNV-1a over the characters: the same in every process, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static ulong StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var character in text)
        {
            hash = (hash ^ character) * 1099511628211UL;
        }

        return hash;
    }
}
