namespace PersonalizedLine.Tests.Storage;

/// <summary>A grain state for the SQLite storage tests: a text and a list, as a chunk's state has.</summary>
[GenerateSerializer]
public sealed class SqliteTestState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public List<int> Numbers { get; set; } = [];
}
