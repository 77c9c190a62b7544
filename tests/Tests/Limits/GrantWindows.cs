namespace PersonalizedLine.Tests.Limits;

/// <summary>What a sequence of grants adds up to in its busiest window, as a provider's sliding window would count it.</summary>
internal static class GrantWindows
{
    public static int MaxInWindow(IReadOnlyList<(TimeSpan At, int Requests)> grants, TimeSpan window)
    {
        var max = 0;
        var sum = 0;
        var start = 0;
        for (var end = 0; end < grants.Count; end++)
        {
            sum += grants[end].Requests;
            while (grants[end].At - grants[start].At >= window)
            {
                sum -= grants[start].Requests;
                start++;
            }

            max = Math.Max(max, sum);
        }

        return max;
    }
}
