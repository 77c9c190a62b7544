using System.Diagnostics.CodeAnalysis;

namespace PersonalizedLine.Grains.Research;

/// <summary>One research cache entry's stored state as its shard reads and writes it, with the storage's ETag.</summary>
internal sealed class ResearchEntryState : IGrainState<ResearchCacheState>
{
    private ResearchCacheState _state = new();

    [AllowNull]
    public ResearchCacheState State
    {
        get => _state;
        set => _state = value ?? new ResearchCacheState();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
