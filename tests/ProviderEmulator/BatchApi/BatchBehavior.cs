using System.Collections.Concurrent;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// How the emulated OpenAI Files and Batches API (<c>/v1/files</c>, <c>/v1/batches</c>) behaves and what it has seen.
/// Requests answered inside batches go through the same chat answer code as <c>/v1/chat/completions</c>, but they are
/// not online calls: they leave <see cref="ProviderEmulator.Llm"/> (its counters, quota and fault script) alone and
/// draw their faults from here. Every member is safe to use while requests are running, from any thread.
/// </summary>
public sealed class BatchBehavior
{
    private readonly EmulatorOptions _options;
    private readonly ConcurrentQueue<BatchOutcome> _outcomes = new();
    private readonly ConcurrentQueue<Fault> _requestFaults = new();
    private long _validatingTicks;
    private long _processingTicks;
    private long _finalizingTicks;
    private long _failEveryNth;
    private Func<string, bool>? _failWhen;
    private Func<string, string, Fault?>? _faultWhen;
    private volatile bool _disabled;
    private long _filesUploaded;
    private long _uploadedBytes;
    private long _batchesCreated;
    private long _batchesCancelled;
    private long _requestsProcessed;

    internal BatchBehavior(EmulatorOptions options)
    {
        _options = options;
        RestoreTimes();
    }

    /// <summary>
    /// When true, every <c>/v1/files</c> and <c>/v1/batches</c> endpoint answers 404 with an OpenAI-style error, as a
    /// provider without a Batch API does. Stored files and batches are kept and come back when it is turned off.
    /// </summary>
    public bool Disabled
    {
        get => _disabled;
        set => _disabled = value;
    }

    /// <summary>How long a new batch stays <c>validating</c>. A batch keeps the three times it was created with.</summary>
    public TimeSpan ValidatingTime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _validatingTicks));
        set => Interlocked.Exchange(ref _validatingTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>How long a new batch stays <c>in_progress</c> (its requests are answered as it enters it).</summary>
    public TimeSpan ProcessingTime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _processingTicks));
        set => Interlocked.Exchange(ref _processingTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>How long a new batch stays <c>finalizing</c> before <c>completed</c>, and <c>cancelling</c> before <c>cancelled</c>.</summary>
    public TimeSpan FinalizingTime
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _finalizingTicks));
        set => Interlocked.Exchange(ref _finalizingTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When positive, the Nth, 2Nth… request of every batch (by line) fails with 500 <c>server_error</c>. 0 turns it off.</summary>
    public int FailEveryNthRequest
    {
        get => (int)Interlocked.Read(ref _failEveryNth);
        set => Interlocked.Exchange(ref _failEveryNth, Math.Max(0, value));
    }

    /// <summary>Batch outcomes scripted and not yet used.</summary>
    public int PendingOutcomes => _outcomes.Count;

    /// <summary>Request faults scripted and not yet used.</summary>
    public int PendingRequestFaults => _requestFaults.Count;

    /// <summary>Files uploaded through <c>POST /v1/files</c> since start or the last reset (batch output files not included).</summary>
    public long FilesUploaded => Interlocked.Read(ref _filesUploaded);

    /// <summary>Total size of <see cref="FilesUploaded"/>.</summary>
    public long UploadedBytes => Interlocked.Read(ref _uploadedBytes);

    /// <summary>Batches accepted by <c>POST /v1/batches</c>, whatever became of them.</summary>
    public long BatchesCreated => Interlocked.Read(ref _batchesCreated);

    /// <summary>Batches a cancel request moved to <c>cancelling</c> (repeated cancels of one batch count once).</summary>
    public long BatchesCancelled => Interlocked.Read(ref _batchesCancelled);

    /// <summary>
    /// Requests answered inside batches, successful or not (expired ones were never run and are not counted). A
    /// batch's requests are counted when it is first looked at (any batch endpoint) after entering <c>in_progress</c>.
    /// </summary>
    public long RequestsProcessed => Interlocked.Read(ref _requestsProcessed);

    /// <summary>The next batches created end as these, one each, in order; later batches complete normally.</summary>
    public void EnqueueOutcomes(params BatchOutcome[] outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var outcome in outcomes)
        {
            _outcomes.Enqueue(outcome ?? throw new ArgumentException("An outcome must not be null.", nameof(outcomes)));
        }
    }

    /// <summary>
    /// The next requests answered inside batches get these faults, one each, in the order they are run (a batch's
    /// lines in order). Batch faults (<see cref="Fault.BatchMissingId"/>…) change batched chat bodies the same way as
    /// online; <see cref="Fault.Hang"/> has no connection to hang and fails the request with 500 <c>server_error</c>.
    /// </summary>
    public void EnqueueRequestFaults(params Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var fault in faults)
        {
            _requestFaults.Enqueue(fault ?? throw new ArgumentException("A fault must not be null.", nameof(faults)));
        }
    }

    /// <summary>
    /// Every batch request whose <c>custom_id</c> makes <paramref name="predicate"/> true fails with 500
    /// <c>server_error</c>. Null removes it.
    /// </summary>
    public void FailRequestsWhen(Func<string, bool>? predicate) => Volatile.Write(ref _failWhen, predicate);

    /// <summary>
    /// Every batch request for which <paramref name="rule"/> (<c>custom_id</c>, request body JSON) returns a fault gets
    /// it, before scripted ones (see <see cref="EnqueueRequestFaults"/> for what faults mean in a batch). Null removes it.
    /// </summary>
    public void RequestFaultWhen(Func<string, string, Fault?>? rule) => Volatile.Write(ref _faultWhen, rule);

    /// <summary>
    /// Back to fresh: enabled, the times from <see cref="EmulatorOptions"/>, nothing scripted, zeroed counters, and
    /// every stored file and batch forgotten.
    /// </summary>
    public void Reset()
    {
        Disabled = false;
        RestoreTimes();
        _outcomes.Clear();
        _requestFaults.Clear();
        FailEveryNthRequest = 0;
        FailRequestsWhen(null);
        RequestFaultWhen(null);
        Files.Clear();
        Batches.Clear();
        ResetCounters();
    }

    /// <summary>Zeroes the counters; settings, scripts, files and batches stay.</summary>
    public void ResetCounters()
    {
        Interlocked.Exchange(ref _filesUploaded, 0);
        Interlocked.Exchange(ref _uploadedBytes, 0);
        Interlocked.Exchange(ref _batchesCreated, 0);
        Interlocked.Exchange(ref _batchesCancelled, 0);
        Interlocked.Exchange(ref _requestsProcessed, 0);
    }

    internal FileStore Files { get; } = new();

    internal BatchStore Batches { get; } = new();

    internal BatchTimes Times => new(ValidatingTime, ProcessingTime, FinalizingTime);

    internal BatchOutcome? NextOutcome() => _outcomes.TryDequeue(out var outcome) ? outcome : null;

    /// <summary>The fault for the request on 1-based <paramref name="position"/> of its batch, or null.</summary>
    internal Fault? ChooseRequestFault(int position, string customId, string body)
    {
        var nth = FailEveryNthRequest;
        if ((nth > 0 && position % nth == 0) || Volatile.Read(ref _failWhen)?.Invoke(customId) == true)
        {
            return BatchWorker.ServerError;
        }

        return Volatile.Read(ref _faultWhen)?.Invoke(customId, body) ?? (_requestFaults.TryDequeue(out var scripted) ? scripted : null);
    }

    internal void CountUpload(long bytes)
    {
        Interlocked.Increment(ref _filesUploaded);
        Interlocked.Add(ref _uploadedBytes, bytes);
    }

    internal void CountCreated() => Interlocked.Increment(ref _batchesCreated);

    internal void CountCancelled() => Interlocked.Increment(ref _batchesCancelled);

    internal void CountProcessed() => Interlocked.Increment(ref _requestsProcessed);

    private void RestoreTimes()
    {
        ValidatingTime = _options.BatchValidatingTime;
        ProcessingTime = _options.BatchProcessingTime;
        FinalizingTime = _options.BatchFinalizingTime;
    }
}
