namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>One grain storage call as a fault's filter sees it.</summary>
/// <param name="Operation">Exactly one of <see cref="StorageOperation.Read"/>, <see cref="StorageOperation.Write"/>, <see cref="StorageOperation.Clear"/>.</param>
/// <param name="StorageName">The provider name the grain asked for (e.g. <c>StorageNames.Chunks</c>).</param>
/// <param name="StateName">The state's name in the grain's <c>[PersistentState]</c>.</param>
/// <param name="GrainId">The grain; <c>GrainId.Type</c> tells the grain type.</param>
[GenerateSerializer, Immutable, Alias("PersonalizedLine.Tests.StorageCall")]
public sealed record StorageCall(
    [property: Id(0)] StorageOperation Operation,
    [property: Id(1)] string StorageName,
    [property: Id(2)] string StateName,
    [property: Id(3)] GrainId GrainId)
{
    /// <summary>The grain type's name as Orleans knows it (e.g. <c>chunk</c>), for filters by grain type.</summary>
    public string GrainType => GrainId.Type.ToString()!;
}
