using PersonalizedLine.Grains.Interfaces.Chunks;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>A chunk's input rows: written once, read on every activation.</summary>
[GenerateSerializer, Alias("chunk-input-state")]
public sealed class ChunkInputState
{
    [Id(0)]
    public ChunkInput? Input { get; set; }
}
