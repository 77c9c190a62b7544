namespace PersonalizedLine.Grains.Interfaces.Rows;

[GenerateSerializer, Alias("row-status")]
public enum RowStatus
{
    Ok = 0,
    Failed = 1,

    /// <summary>Research done; the line is still to come from the provider's Batch API. Not a final outcome.</summary>
    Researched = 2,

    /// <summary>
    /// Not processed: a provider refused the account (bad key, no credit, quota used up), see
    /// <see cref="RowResult.AccountProblem"/>. Not a final outcome: the row is to be run again once the job resumes.
    /// </summary>
    Halted = 3,
}
