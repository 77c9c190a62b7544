using PersonalizedLine.Grains.Interfaces.Chunks;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Compares two inputs for one chunk: an upload retried after a lost answer sends the same rows again.</summary>
public static class ChunkInputs
{
    public static bool Same(ChunkInput stored, ChunkInput sent) =>
        stored.JobId == sent.JobId
        && stored.ChunkIndex == sent.ChunkIndex
        && stored.FirstRowNumber == sent.FirstRowNumber
        && stored.Rows.Count == sent.Rows.Count
        && stored.Rows.Zip(sent.Rows).All(pair => SameRow(pair.First, pair.Second));

    private static bool SameRow(ChunkRow stored, ChunkRow sent) =>
        stored.LineNumber == sent.LineNumber
        && stored.Problem == sent.Problem
        && stored.Cells.SequenceEqual(sent.Cells);
}
