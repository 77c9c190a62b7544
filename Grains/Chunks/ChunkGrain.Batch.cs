using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Batch mode: the chunk's provider batch requests, and the answers the provider batch delivers.</summary>
public sealed partial class ChunkGrain
{
    public Task<IReadOnlyList<BatchRequestLine>> GetBatchRequests() =>
        Task.FromResult(InputState.State.Input is null ? [] : ChunkBatchRequests.Build(Input, Renderer, _rows.Results, LlmSettings));

    public async Task<int> DeliverBatch(BatchDelivery delivery)
    {
        if (InputState.State.Input is null)
        {
            return 0;
        }

        foreach (var answer in delivery.Answers)
        {
            var outcomes = ChunkBatchAnswers.Read(answer, Input, Renderer, _rows.Results, Settings.MaxLineLength);
            if (outcomes.Count > 0)
            {
                // Counted once: a repeated delivery finds its rows settled and yields no outcome.
                _batchUsage = _batchUsage.Add(ChunkBatchAnswers.UsageOf(answer));
                Changed();
            }

            foreach (var outcome in outcomes)
            {
                if (outcome.Final is { } final)
                {
                    _rows.Record(outcome.Index, final);
                }
                else if (outcome.AskOnline)
                {
                    _rows.SendOnline(outcome.Index);
                }
                else if (outcome.Error is { } error)
                {
                    _batchErrors[outcome.Index] = error;
                }
            }
        }

        if (delivery.Final)
        {
            SettleUnanswered(delivery);
        }

        await SaveAsync();
        if (_rows.HasPending && MayStartRows)
        {
            EnsureTimer();
            KickPendingRows();
        }

        return _rows.Researched;
    }

    private void SettleUnanswered(BatchDelivery delivery)
    {
        for (var index = 0; index < _rows.Count; index++)
        {
            if (_rows[index] is not { Status: RowStatus.Researched } researched)
            {
                continue;
            }

            var reason = _batchErrors.GetValueOrDefault(index, delivery.Reason);
            switch (delivery.Unanswered)
            {
                case UnansweredRows.RetryOnline:
                    _rows.SendOnline(index);
                    break;
                case UnansweredRows.Fail:
                    _rows.Record(index, RowResult.Failed($"The provider batch wrote no line for this row: {reason}.", researched.Usage, retryable: true));
                    break;
            }
        }

        _batchErrors.Clear();
        Changed();
    }
}
