using Orleans.Placement;

namespace PersonalizedLine.Grains.Rows;

/// <summary>The grain is placed by <see cref="SiloPinnedPlacementDirector"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloPinnedPlacementAttribute() : PlacementAttribute(new SiloPinnedPlacement());
