namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>
/// Processes one row: research, LLM, guardrails. <see cref="Start"/> returns at once and the result is handed
/// back to the chunk with <c>IChunkGrain.ReportRow</c>, so no call waits on a slow provider. Placed across silos.
/// </summary>
public interface IRowGrain : IGrainWithStringKey
{
    /// <summary>Starts the row unless it is already running; if it already finished, reports its result again.</summary>
    Task Start(RowRequest request);

    /// <summary>Abandons the row's provider calls (the job was cancelled).</summary>
    [AlwaysInterleave]
    Task Cancel();
}
