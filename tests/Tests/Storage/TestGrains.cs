using Orleans.Runtime;
using System.Collections.Concurrent;

namespace PersonalizedLine.Tests.Storage;

/// <summary>A grain whose state lives in the "jobs" storage provider, to drive the ADO.NET provider from tests.</summary>
public interface IStoredNoteGrain : IGrainWithStringKey
{
    Task<StoredNoteView> Read();

    Task Write(string text, int count);

    Task Clear();
}

[GenerateSerializer]
public sealed record StoredNoteView(
    [property: Id(0)] string? Text,
    [property: Id(1)] int Count,
    [property: Id(2)] bool RecordExists,
    [property: Id(3)] string? ETag);

/// <summary>The persisted state (stored as JSON with its type name: keep the name and namespace stable).</summary>
[GenerateSerializer]
public sealed class StoredNote
{
    [Id(0)]
    public string? Text { get; set; }

    [Id(1)]
    public int Count { get; set; }
}

public sealed class StoredNoteGrain([PersistentState("s", "jobs")] IPersistentState<StoredNote> note) : Grain, IStoredNoteGrain
{
    public Task<StoredNoteView> Read() =>
        Task.FromResult(new StoredNoteView(note.State.Text, note.State.Count, note.RecordExists, note.Etag));

    public Task Write(string text, int count)
    {
        note.State.Text = text;
        note.State.Count = count;
        return note.WriteStateAsync();
    }

    public Task Clear() => note.ClearStateAsync();
}

/// <summary>A grain that counts the ticks of a reminder it registers.</summary>
public interface ITickingGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period);

    Task Stop();
}

public sealed class TickingGrain : Grain, ITickingGrain, IRemindable
{
    public const string ReminderName = "tick";

    /// <summary>Ticks by grain key; static so that a tick that reactivates the grain is still counted.</summary>
    public static readonly ConcurrentDictionary<string, int> Ticks = new();

    public Task Start(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, TimeSpan.Zero, period);

    public async Task Stop()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, count) => count + 1);
        }

        return Task.CompletedTask;
    }
}
