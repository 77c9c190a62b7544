namespace PersonalizedLine.Grains.Jobs;

/// <summary>Which chunks a job starts next: in file order, until the window of started, unfinished chunks is full.</summary>
public static class ChunkWindow
{
    /// <summary>Puts the next chunks in the job's window (in its state, to be written before they are started) and returns them.</summary>
    public static IReadOnlyList<int> Fill(JobState job, int size)
    {
        var started = new List<int>();
        while (job.NextChunkToStart < job.ChunkCount && job.ActiveChunks.Count < size)
        {
            var index = job.NextChunkToStart++;
            job.ActiveChunks[index] = JobReports.Started(index);
            started.Add(index);
        }

        return started;
    }
}
