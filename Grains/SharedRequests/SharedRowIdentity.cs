namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>A row in a shared request as its answer is checked: the id it was sent with, and its company.</summary>
/// <param name="Id">The row number as sent (a string).</param>
/// <param name="Company">The row's company, when the template uses one; lines naming another row's company are refused.</param>
public sealed record SharedRowIdentity(string Id, string? Company)
{
    /// <summary>Shorter company names ("HP", "GE") appear inside ordinary words too often to be checked.</summary>
    public const int MinCompanyLength = 3;
}
