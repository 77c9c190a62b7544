namespace PersonalizedLine.Grains.Jobs;

/// <summary>What can be asked of an existing job; <see cref="JobLifecycle"/> says from which statuses.</summary>
public enum JobAction
{
    AppendRows,
    Seal,
    Cancel,
    Pause,
    Resume,
    Retry,
}
