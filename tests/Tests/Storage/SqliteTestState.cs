namespace PersonalizedLine.Tests.Storage;

/// <summary>A grain state for the SQLite storage tests: a text and a list, as a chunk's state has.</summary>
public sealed class SqliteTestState
{
    public string Text { get; set; } = "";

    public List<int> Numbers { get; set; } = [];
}
