using System.Globalization;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// The <c>custom_id</c> of a provider batch request: <c>{job}/{row}</c> for a row alone, <c>{job}/{first}-{last}</c> for
/// rows sharing the request (the researched rows of that range, which do not change until the batch is delivered).
/// Row numbers are the job's, so an id names its chunk too.
/// </summary>
public readonly record struct BatchCustomId(string JobId, long FirstRow, long LastRow)
{
    public bool IsShared => LastRow > FirstRow;

    public override string ToString() => IsShared
        ? string.Create(CultureInfo.InvariantCulture, $"{JobId}/{FirstRow}-{LastRow}")
        : string.Create(CultureInfo.InvariantCulture, $"{JobId}/{FirstRow}");

    public static BatchCustomId? TryParse(string? customId)
    {
        var slash = customId?.LastIndexOf('/') ?? -1;
        if (customId is null || slash <= 0)
        {
            return null;
        }

        var rows = customId[(slash + 1)..].Split('-');
        if (rows.Length is < 1 or > 2
            || !long.TryParse(rows[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(rows[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            return null;
        }

        return new BatchCustomId(customId[..slash], first, last);
    }
}
