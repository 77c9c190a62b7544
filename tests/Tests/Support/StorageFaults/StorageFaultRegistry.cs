using System.Collections.Concurrent;

namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>
/// One <see cref="GrainStorageFaults"/> per test cluster, keyed by its cluster id, so that the silos' storage wrappers
/// (built inside the silos' service providers) and the test share it. TestingHost gives every cluster its own id, so
/// fixtures running side by side never share a switchboard.
/// </summary>
public static class StorageFaultRegistry
{
    private static readonly ConcurrentDictionary<string, GrainStorageFaults> Clusters = new(StringComparer.Ordinal);

    /// <summary>The switchboard of the cluster <paramref name="clusterId"/>, created on first use.</summary>
    public static GrainStorageFaults For(string clusterId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        return Clusters.GetOrAdd(clusterId, _ => new GrainStorageFaults());
    }

    /// <summary>Forgets the cluster's switchboard (call it when the cluster is disposed).</summary>
    public static void Release(string clusterId) => Clusters.TryRemove(clusterId, out _);
}
