using System.Diagnostics.CodeAnalysis;

namespace PersonalizedLine.Tests.Storage;

/// <summary>What Orleans hands a storage provider for one grain's state: the state, its ETag and whether it is stored.</summary>
public sealed class SqliteTestGrainState(SqliteTestState state) : IGrainState<SqliteTestState>
{
    private SqliteTestState _state = state;

    [AllowNull]
    public SqliteTestState State
    {
        get => _state;
        set => _state = value ?? new SqliteTestState();
    }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
