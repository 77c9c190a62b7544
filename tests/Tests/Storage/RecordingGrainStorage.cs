using Orleans.Storage;

namespace PersonalizedLine.Tests.Storage;

/// <summary>A dictionary behind <see cref="IGrainStorage"/>, keeping the last state written per grain and state name.</summary>
internal sealed class RecordingGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), object?> _states = [];

    public int Reads { get; private set; }

    public object? Stored(string stateName, GrainId grainId) => _states.GetValueOrDefault((stateName, grainId));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Reads++;
        if (_states.TryGetValue((stateName, grainId), out var state))
        {
            grainState.State = (T)state!;
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states[(stateName, grainId)] = grainState.State;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _states.Remove((stateName, grainId));
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
