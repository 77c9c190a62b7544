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
    /// The silo a row runs on. A chunk starts a pending row again every so often, so the choice must name the same silo
    /// every time, or the row would run on two silos at once; and a silo joining or leaving must move only the rows that
    /// go to or came from it. Rendezvous hashing does both: each silo scores the row, the highest score wins. The scores
    /// use Orleans' stable hash of the silo, not a per-process one, so a chunk that moves to another silo chooses the same.
    /// </summary>
    public static SiloAddress SiloFor(IReadOnlyList<SiloAddress> silos, string chunkKey, long rowNumber)
    {
        if (silos.Count == 1)
        {
            return silos[0];
        }

        var row = Mix(StableHash(chunkKey) ^ (ulong)rowNumber);
        var best = silos[0];
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            var score = Mix(row ^ (ulong)(uint)silo.GetConsistentHashCode());
            if (score >= bestScore)
            {
                (best, bestScore) = (silo, score);
            }
        }

        return best;
    }

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
