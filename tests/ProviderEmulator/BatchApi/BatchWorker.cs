using System.Globalization;
using System.Text;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>
/// Runs a batch's requests through <see cref="ChatAnswers"/>, the code that answers online chat requests, with faults
/// drawn from <see cref="BatchBehavior"/>, and files the answers as OpenAI does.
/// </summary>
internal sealed class BatchWorker(BatchBehavior behavior)
{
    /// <summary>What a request that fails on the provider's side gets: 500 with code <c>server_error</c>.</summary>
    public static readonly Fault ServerError = Fault.Status(500, Encoding.UTF8.GetString(OpenAiErrors.Body(
        "The server had an error processing your request. Sorry about that!", "server_error", "server_error")));

    private long _sequence;

    public IReadOnlyList<BatchRequestResult> Answer(IEnumerable<BatchInputLine> requests)
    {
        var results = new List<BatchRequestResult>();
        var position = 0;
        foreach (var request in requests)
        {
            var fault = behavior.ChooseRequestFault(++position, request.CustomId, request.Body);
            // A batch has no connection to hold open: a request scripted to hang fails instead.
            fault = fault?.Kind == FaultKind.Hang ? ServerError : fault;
            var completionId = string.Create(CultureInfo.InvariantCulture, $"chatcmpl-batch-{Interlocked.Increment(ref _sequence)}");
            var answer = ChatAnswers.Compose(ChatRequest.Parse(request.Body), completionId, fault, ChatAnswers.DefaultTokensPerMinute);
            results.Add(new BatchRequestResult(request, OpenAiIds.New("req_"), answer));
            behavior.CountProcessed();
        }

        return results;
    }

    /// <summary>
    /// Stores the output file (successes) and the error file (failed answers, then <paramref name="expired"/> requests
    /// as <c>batch_expired</c>); either is null when it would be empty.
    /// </summary>
    public (StoredFile? Output, StoredFile? Errors) File(string batchId, IReadOnlyList<BatchRequestResult> results, IReadOnlyList<BatchInputLine> expired)
    {
        var output = new BatchOutputLines();
        var errors = new BatchOutputLines();
        foreach (var result in results)
        {
            (result.Answer.IsSuccess ? output : errors).AddResponse(result);
        }

        foreach (var request in expired)
        {
            errors.AddError(request, "batch_expired", "This request could not be executed before the completion window expired.");
        }

        return (Store(output, $"{batchId}_output.jsonl"), Store(errors, $"{batchId}_error.jsonl"));
    }

    private StoredFile? Store(BatchOutputLines lines, string filename) =>
        lines.Count == 0 ? null : behavior.Files.Add(filename, StoredFile.BatchOutputPurpose, lines.ToArray());
}
