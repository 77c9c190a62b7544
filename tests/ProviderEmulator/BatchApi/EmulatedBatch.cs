namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// One batch. Its status is a function of the clock — creation time, its <see cref="BatchTimes"/>, its scripted end and
/// when a cancel was asked — so a client that polls sees it move and a client that comes back much later finds it
/// finished. Work happens on the first look after it is due: requests are answered when the batch is first seen past
/// <c>in_progress_at</c>, files are written when it is first seen finished.
/// </summary>
internal sealed class EmulatedBatch
{
    private static readonly TimeSpan CompletionWindow = TimeSpan.FromHours(24);
    private readonly Lock _gate = new();
    private readonly BatchInput _input;
    private readonly BatchTimes _times;
    private readonly IReadOnlyList<BatchError>? _failure;
    private readonly int? _expiresAfter;
    private readonly TimeSpan _createdSince;
    private readonly DateTimeOffset _createdAt = DateTimeOffset.UtcNow;
    private readonly IReadOnlyDictionary<string, string>? _metadata;
    private TimeSpan? _cancelAskedSince;
    private IReadOnlyList<BatchRequestResult>? _results;
    private (StoredFile? Output, StoredFile? Errors)? _files;

    /// <param name="outcome">A scripted end; ignored when the input itself fails validation.</param>
    public EmulatedBatch(string id, long sequence, string inputFileId, string endpoint, IReadOnlyDictionary<string, string>? metadata,
        BatchInput input, BatchTimes times, BatchOutcome? outcome, TimeSpan createdSince)
    {
        Id = id;
        Sequence = sequence;
        InputFileId = inputFileId;
        Endpoint = endpoint;
        _metadata = metadata;
        _input = input;
        _times = times;
        _createdSince = createdSince;
        _failure = !input.IsValid ? input.Errors
            : outcome?.Kind == BatchOutcomeKind.Failed ? [new BatchError("invalid_request", outcome.Message!, 1)]
            : null;
        _expiresAfter = _failure is null && outcome?.Kind == BatchOutcomeKind.Expired ? outcome.CompletedRequests : null;
    }

    public string Id { get; }

    /// <summary>Order of creation, for newest-first listings.</summary>
    public long Sequence { get; }

    public string InputFileId { get; }

    public string Endpoint { get; }

    /// <summary>Where the batch stands at <paramref name="now"/>, doing the work that has become due.</summary>
    public BatchSnapshot Observe(TimeSpan now, BatchWorker worker)
    {
        lock (_gate)
        {
            var status = StatusAt(now);
            if (_results is null && RanRequests(now))
            {
                _results = worker.Answer(_input.Requests.Take(_expiresAfter ?? int.MaxValue));
            }

            if (_files is null && status is BatchStatus.Completed or BatchStatus.Expired or BatchStatus.Cancelled)
            {
                var expired = status == BatchStatus.Expired ? _input.Requests.Skip(_results?.Count ?? 0).ToList() : [];
                _files = worker.File(Id, _results ?? [], expired);
            }

            return Snapshot(status);
        }
    }

    /// <summary>
    /// Asks for a cancel at <paramref name="now"/>: only a <c>validating</c> or <c>in_progress</c> batch can be, and asking
    /// again while it is cancelling changes nothing. False, with the status that forbids it, otherwise.
    /// </summary>
    public bool TryCancel(TimeSpan now, out BatchStatus status, out bool firstCancel)
    {
        lock (_gate)
        {
            status = StatusAt(now);
            firstCancel = status is BatchStatus.Validating or BatchStatus.InProgress;
            if (firstCancel)
            {
                _cancelAskedSince = now;
            }

            return firstCancel || status is BatchStatus.Cancelling or BatchStatus.Cancelled;
        }
    }

    private TimeSpan InProgressFrom => _createdSince + _times.InProgressAfter;

    private TimeSpan ProcessedAt => _createdSince + _times.ProcessedAfter;

    private BatchStatus StatusAt(TimeSpan t)
    {
        if (_cancelAskedSince is { } asked && t >= asked)
        {
            return t >= asked + _times.Finalizing ? BatchStatus.Cancelled : BatchStatus.Cancelling;
        }

        if (t < InProgressFrom)
        {
            return BatchStatus.Validating;
        }

        if (_failure is not null)
        {
            return BatchStatus.Failed;
        }

        if (t < ProcessedAt)
        {
            return BatchStatus.InProgress;
        }

        if (_expiresAfter is not null)
        {
            return BatchStatus.Expired;
        }

        return t < _createdSince + _times.CompletedAfter ? BatchStatus.Finalizing : BatchStatus.Completed;
    }

    // Requests run once the batch is in progress, unless it was cancelled or failed before getting there.
    private bool RanRequests(TimeSpan now) =>
        _failure is null && now >= InProgressFrom && (_cancelAskedSince is not { } asked || asked >= InProgressFrom);

    private BatchSnapshot Snapshot(BatchStatus status)
    {
        long At(TimeSpan sinceCreation) => (_createdAt + sinceCreation).ToUnixTimeSeconds();
        var ran = _results is not null;
        var succeeded = _results?.Count(r => r.Answer.IsSuccess) ?? 0;
        var failed = (_results?.Count ?? 0) - succeeded + (status == BatchStatus.Expired ? _input.Requests.Count - (_results?.Count ?? 0) : 0);
        var cancelAskedAfter = _cancelAskedSince - _createdSince;
        return new BatchSnapshot(
            Id, Endpoint, InputFileId, "24h", _metadata, status,
            status == BatchStatus.Failed ? _failure : null,
            _files?.Output?.Id, _files?.Errors?.Id,
            CreatedAt: _createdAt.ToUnixTimeSeconds(),
            ExpiresAt: At(CompletionWindow),
            InProgressAt: ran ? At(_times.InProgressAfter) : null,
            FinalizingAt: status is BatchStatus.Finalizing or BatchStatus.Completed ? At(_times.ProcessedAfter) : null,
            CompletedAt: status == BatchStatus.Completed ? At(_times.CompletedAfter) : null,
            FailedAt: status == BatchStatus.Failed ? At(_times.InProgressAfter) : null,
            ExpiredAt: status == BatchStatus.Expired ? At(_times.ProcessedAfter) : null,
            CancellingAt: cancelAskedAfter is { } c ? At(c) : null,
            CancelledAt: status == BatchStatus.Cancelled && cancelAskedAfter is { } d ? At(d + _times.Finalizing) : null,
            Total: _input.Total,
            Completed: succeeded,
            Failed: failed);
    }
}
