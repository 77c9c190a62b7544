using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>
/// The outcome of one row: the checked line, or the reason it failed, what it cost, and the silo that processed it
/// (empty when the row failed before reaching one, e.g. a malformed record).
/// </summary>
[GenerateSerializer, Immutable, Alias("row-result")]
public sealed record class RowResult(
    [property: Id(0)] RowStatus Status,
    [property: Id(1)] string Line,
    [property: Id(2)] string Error,
    [property: Id(3)] UsageTotals Usage,
    [property: Id(4)] string Silo = "")
{
    public static RowResult Ok(string line, UsageTotals usage) => new(RowStatus.Ok, line, string.Empty, usage);

    public static RowResult Failed(string error, UsageTotals? usage = null) =>
        new(RowStatus.Failed, string.Empty, error, usage ?? UsageTotals.None);
}
