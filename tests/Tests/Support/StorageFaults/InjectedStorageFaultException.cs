namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>
/// What a storage call failed by <see cref="GrainStorageFaults"/> throws; nothing was read, written or cleared.
/// A grain sees it the way it sees a database error: Orleans' state bridge wraps it in an <c>OrleansException</c>
/// (this is its <c>InnerException</c>). Serializable, so it reaches the grain's caller intact.
/// </summary>
[GenerateSerializer, Alias("PersonalizedLine.Tests.InjectedStorageFaultException")]
public sealed class InjectedStorageFaultException(StorageCall call)
    : Exception($"Injected grain storage fault: {call.Operation} of '{call.StateName}' in '{call.StorageName}' for {call.GrainId}.")
{
    [Id(0)]
    public StorageCall Call { get; } = call;
}
