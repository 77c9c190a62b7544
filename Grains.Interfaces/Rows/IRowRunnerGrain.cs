namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>
/// Runs rows on one silo (its key names the silo; see <c>RowRunnerKeys</c>): research, LLM, guardrails. A chunk starts
/// its rows with one call per silo rather than one grain per row. <see cref="Start"/> returns at once and each result is
/// handed back to its chunk with <c>IChunkGrain.ReportRow</c>, so no call waits on a slow provider.
/// </summary>
public interface IRowRunnerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts each row unless it is already running here; a row that finished here but whose result did not reach its
    /// chunk reports it again.
    /// </summary>
    /// <param name="generation">The chunk's retry generation: a retried row runs again even if an earlier generation finished.</param>
    /// <param name="rows">The rows, all of one chunk.</param>
    Task Start(int generation, IReadOnlyList<RowRequest> rows);

    /// <summary>Abandons the provider calls of every row of the chunk running here (the job was cancelled or deleted).</summary>
    [AlwaysInterleave]
    Task Cancel(string chunkKey);
}
