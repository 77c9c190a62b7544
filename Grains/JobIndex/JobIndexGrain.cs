using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Grains.JobIndex;

/// <summary>
/// One tenant's list of jobs (the key is the tenant). Every change is written before the call returns, so a job a
/// caller was told is listed is listed after any restart.
/// </summary>
/// <remarks>
/// Size: the whole list is one state, rewritten on every add and remove. An entry is a job id, a time and a file
/// name cut to <see cref="MaxFileNameLength"/> characters, stored column by column — about 75 bytes of JSON for a
/// GUID id and a short name (a storage test measures it) — so 100,000 jobs make a state of about 8 MB, read once
/// per activation and written once per job created or removed; adds and removes stay O(log n) plus a shift of the
/// list in memory. Past that (or with many jobs created a second), split the list into pages by creation month.
/// </remarks>
public sealed class JobIndexGrain(
    [PersistentState("job-index", StorageNames.Jobs)] IPersistentState<JobIndexState> state) : Grain, IJobIndexGrain
{
    /// <summary>The longest file name kept in the list (the job itself keeps the whole name).</summary>
    public const int MaxFileNameLength = 200;

    private JobIndexList? _list;

    private JobIndexList List => _list ??= new JobIndexList(state.State.ToEntries());

    public async Task Add(JobIndexEntry entry)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.JobId);
        var name = entry.FileName.Length > MaxFileNameLength ? entry.FileName[..MaxFileNameLength] : entry.FileName;
        var added = entry with { FileName = name };
        if (List.Add(added))
        {
            await WriteOrUndoAsync(() => List.Remove(added.JobId));
        }
    }

    public async Task Remove(string jobId)
    {
        if (List.Find(jobId) is { } removed && List.Remove(jobId))
        {
            await WriteOrUndoAsync(() => List.Add(removed));
        }
    }

    public Task<JobIndexPage> Page(int offset, int limit) => Task.FromResult(List.Page(offset, limit));

    /// <summary>A failed write takes the change back, so the list in memory never shows what storage lacks and a retry writes again.</summary>
    private async Task WriteOrUndoAsync(Func<bool> undo)
    {
        try
        {
            state.State = JobIndexState.From(List.Entries);
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
