using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>A shared request waits for one permit on behalf of all its rows: each row's budget stops meanwhile.</summary>
internal sealed class SharedPermitWaitListener(IReadOnlyList<IPermitWaitListener> rows) : IPermitWaitListener
{
    public void WaitStarted(string limit)
    {
        foreach (var row in rows)
        {
            row.WaitStarted(limit);
        }
    }

    public void WaitEnded(string limit)
    {
        foreach (var row in rows)
        {
            row.WaitEnded(limit);
        }
    }
}
