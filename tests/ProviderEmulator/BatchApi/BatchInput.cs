namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>A batch's input file as read at creation: its valid requests, and what is wrong with the rest.</summary>
/// <param name="Total">Non-blank lines, i.e. the <c>request_counts.total</c> the batch reports.</param>
internal sealed record BatchInput(IReadOnlyList<BatchInputLine> Requests, IReadOnlyList<BatchError> Errors, int Total)
{
    public bool IsValid => Errors.Count == 0;
}
