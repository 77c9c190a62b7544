namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// Tests that run the API as a real embedded process with heavy loads: one at a time, so a memory peak or a restart
/// is measured without another such process competing for the two cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedProcessCollection
{
    public const string Name = "Embedded API processes";
}
