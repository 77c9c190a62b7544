using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>
/// The outcome of one row: the checked line, or the reason it failed, what it cost, and the silo that processed it
/// (empty when the row failed before reaching one, e.g. a malformed record). A batch-mode row first comes back
/// <see cref="RowStatus.Researched"/> with its <see cref="Research"/>, which the provider batch request is built from.
/// A row whose provider refused the whole account comes back <see cref="RowStatus.Halted"/> with the
/// <see cref="AccountProblem"/> (its message also in <see cref="Error"/>): not processed, to be run again on resume.
/// </summary>
[GenerateSerializer, Immutable, Alias("row-result")]
public sealed record class RowResult(
    [property: Id(0)] RowStatus Status,
    [property: Id(1)] string Line,
    [property: Id(2)] string Error,
    [property: Id(3)] UsageTotals Usage,
    [property: Id(4)] string Silo = "",
    [property: Id(5)] string? Research = null,
    [property: Id(6)] AccountProblem? AccountProblem = null,
    [property: Id(10)] bool Retryable = false)
{
    /// <summary>False for a row still waiting for its batch line and for a halted row: neither is done.</summary>
    public bool IsFinal => Status is not (RowStatus.Researched or RowStatus.Halted);

    public static RowResult Researched(string research, UsageTotals usage) =>
        new(RowStatus.Researched, string.Empty, string.Empty, usage, Research: research ?? string.Empty);

    public static RowResult Ok(string line, UsageTotals usage) => new(RowStatus.Ok, line, string.Empty, usage);

    /// <summary>The row was not processed because <paramref name="problem"/> stops every call on its provider key.</summary>
    public static RowResult Halted(AccountProblem problem, UsageTotals? usage = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(RowStatus.Halted, string.Empty, problem.Message, usage ?? UsageTotals.None, AccountProblem: problem);
    }

    /// <param name="error">What happened and what to do, for the row's error cell.</param>
    /// <param name="usage">What the row cost before it failed.</param>
    /// <param name="retryable">
    /// The failure may pass next time (a timeout, a 5xx, a rate limit, a cancellation): a retry with
    /// <c>reason=transient</c> runs it again.
    /// </param>
    public static RowResult Failed(string error, UsageTotals? usage = null, bool retryable = false) =>
        new(RowStatus.Failed, string.Empty, error, usage ?? UsageTotals.None, Retryable: retryable);
}
