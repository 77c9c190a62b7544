namespace PersonalizedLine.Grains.Rows;

/// <summary>Places a grain on the silo its key names (<see cref="RowRunnerKeys"/>), or anywhere when that silo is gone.</summary>
[GenerateSerializer, Immutable, Alias("silo-pinned-placement")]
public sealed class SiloPinnedPlacement : PlacementStrategy;
