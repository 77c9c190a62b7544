using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// The results of a chunk's rows in memory, and the rules for changing them: the first final result of a row wins; a
/// researched row (batch mode) takes a final result later; a row sent online never goes back to waiting for a batch;
/// a retry puts failed rows back to pending.
/// </summary>
public sealed class ChunkRows(int count)
{
    private readonly RowResult?[] _results = new RowResult?[count];

    public int Count => _results.Length;

    /// <summary>Rows with a final result (ok or failed).</summary>
    public int Done { get; private set; }

    /// <summary>Batch mode: rows researched and waiting for the provider batch's line.</summary>
    public int Researched { get; private set; }

    /// <summary>Batch mode: rows the provider batch left to be asked online, by index.</summary>
    public HashSet<int> OnlineRows { get; private set; } = [];

    public IReadOnlyList<RowResult?> Results => _results;

    public bool IsComplete => Count > 0 && Done == Count;

    /// <summary>Rows with no result yet: to be started (researched rows wait for the provider batch instead).</summary>
    public bool HasPending => Done + Researched < Count;

    public RowResult? this[int index] => _results[index];

    /// <summary>Loads what was written; entries outside the chunk are ignored.</summary>
    public void Restore(IReadOnlyDictionary<int, RowResult> saved, IEnumerable<int> onlineRows)
    {
        OnlineRows = [.. onlineRows];
        foreach (var (index, result) in saved)
        {
            if (index >= 0 && index < Count && _results[index] is null)
            {
                Record(index, result);
            }
        }
    }

    /// <summary>Records a result if the rules allow it; false when the row already has the result that counts.</summary>
    public bool Record(int index, RowResult result)
    {
        var current = _results[index];
        if (current is { IsFinal: true } || (current is not null && !result.IsFinal) || (!result.IsFinal && OnlineRows.Contains(index)))
        {
            return false;
        }

        _results[index] = result;
        if (current is not null)
        {
            Researched--;
        }

        if (result.IsFinal)
        {
            Done++;
        }
        else
        {
            Researched++;
        }

        return true;
    }

    /// <summary>Batch mode: the row is asked online from now on.</summary>
    public void SendOnline(int index)
    {
        if (_results[index] is { Status: RowStatus.Researched })
        {
            _results[index] = null;
            Researched--;
        }

        OnlineRows.Add(index);
    }

    /// <summary>Indices of the rows with no result, in order.</summary>
    public IEnumerable<int> Pending()
    {
        for (var index = 0; index < Count; index++)
        {
            if (_results[index] is null)
            {
                yield return index;
            }
        }
    }

    /// <summary>
    /// A retry: failed rows in <paramref name="scope"/> go back to pending, asked online, alone. Returns what the
    /// discarded results had cost, which stays counted in the job's usage.
    /// </summary>
    public UsageTotals ResetFailed(RetryScope scope)
    {
        var cost = UsageTotals.None;
        for (var index = 0; index < Count; index++)
        {
            if (_results[index] is { Status: RowStatus.Failed } failed && (scope == RetryScope.AllFailed || failed.Retryable))
            {
                cost = cost.Add(failed.Usage);
                _results[index] = null;
                Done--;
                OnlineRows.Add(index);
            }
        }

        return cost;
    }

    /// <summary>The results as written to storage, by index.</summary>
    public Dictionary<int, RowResult> Snapshot()
    {
        var results = new Dictionary<int, RowResult>(Done + Researched);
        for (var index = 0; index < Count; index++)
        {
            if (_results[index] is { } result)
            {
                results[index] = result;
            }
        }

        return results;
    }

    /// <summary>The chunk's absolute counts; <paramref name="extraUsage"/> is what is not carried by a row (batch requests, retried rows).</summary>
    public ChunkReport Report(int chunkIndex, UsageTotals extraUsage)
    {
        int succeeded = 0, failed = 0, researched = 0;
        var usage = extraUsage;
        var bySilo = new Dictionary<string, int>();
        foreach (var result in _results)
        {
            if (result is null)
            {
                continue;
            }

            usage = usage.Add(result.Usage);
            if (result.Silo.Length > 0)
            {
                bySilo[result.Silo] = bySilo.GetValueOrDefault(result.Silo) + 1;
            }

            switch (result.Status)
            {
                case RowStatus.Ok:
                    succeeded++;
                    break;
                case RowStatus.Researched:
                    researched++;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        return new ChunkReport(chunkIndex, succeeded, failed, succeeded + failed == Count, usage, bySilo, researched, Count);
    }
}
