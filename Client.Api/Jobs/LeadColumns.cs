using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// The few input columns that tell a person which lead a row is: the name and company columns, found the way the
/// templates find them (so "First Name", "first_name" and "Given name" all count), or the first columns otherwise.
/// </summary>
public static class LeadColumns
{
    private const int FallbackCount = 3;

    private static readonly string[] Wanted = ["first_name", "last_name", "full_name", "company"];

    public static IReadOnlyList<(string Name, int Index)> Choose(IReadOnlyList<string> headers)
    {
        var found = Wanted
            .Select(name => ColumnMatcher.FindColumn(name, headers))
            .OfType<int>()
            .Distinct()
            .Order()
            .Select(index => (headers[index], index))
            .ToList();
        return found.Count > 0 ? found : headers.Take(FallbackCount).Select((name, index) => (name, index)).ToList();
    }
}
