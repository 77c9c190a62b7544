namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>The grain storage calls a fault can target; combine them to target several.</summary>
[Flags]
public enum StorageOperation
{
    Read = 1,
    Write = 2,
    Clear = 4,
    All = Read | Write | Clear,
}
