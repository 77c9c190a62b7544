namespace PersonalizedLine.Tests.Support;

/// <summary>Waits for a condition with a deadline instead of sleeping a guessed amount of time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        var giveUpAt = DateTime.UtcNow + deadline;
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= giveUpAt)
            {
                throw new TimeoutException($"Waited {deadline.TotalSeconds:0} s for {what}; last value: {value}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        ReturnsAsync(() => Task.FromResult(condition()), ok => ok, deadline, what);
}
