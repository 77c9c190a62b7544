namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// Told when a provider call starts and stops waiting for a rate-limit permit, so that whoever owns a time budget
/// (a row) can stop its clock: waiting for a permit is not failure and must not spend a row's budget.
/// </summary>
public interface IPermitWaitListener
{
    /// <param name="limit">The readable key of the limit being waited on.</param>
    void WaitStarted(string limit);

    void WaitEnded(string limit);
}
