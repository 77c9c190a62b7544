using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The test storage wrapper itself: which calls it fails, that a failed call leaves storage untouched, its counts.</summary>
public sealed class FaultInjectingGrainStorageTests
{
    private static readonly GrainId Job = GrainId.Create("job", "j1");
    private static readonly GrainId Chunk = GrainId.Create("chunk", "j1/0");
    private readonly RecordingGrainStorage _inner = new();
    private readonly GrainStorageFaults _faults = new();
    private readonly FaultInjectingGrainStorage _storage;

    public FaultInjectingGrainStorageTests() => _storage = new FaultInjectingGrainStorage("jobs", _inner, _faults);

    [Fact]
    public async Task TheNthWriteFailsOnceAndWritesNothingTheOthersGoThrough()
    {
        _faults.FailNthWrite(3);

        await WriteAsync(Job, "first");
        await WriteAsync(Job, "second");
        var error = await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Job, "third"));
        await WriteAsync(Job, "fourth");
        await WriteAsync(Job, "fifth");

        Assert.Equal(new StorageCall(StorageOperation.Write, "jobs", "state", Job), error.Call);
        Assert.Contains("Write of 'state' in 'jobs'", error.Message);
        Assert.Equal((5, 1), (_faults.WritesAttempted, _faults.WritesFailed));
        Assert.Equal("fifth", _inner.Stored("state", Job));
    }

    [Fact]
    public async Task AFailedWriteLeavesTheStoredStateAsItWas()
    {
        await WriteAsync(Job, "kept");
        _faults.FailNthWrite(1);

        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Job, "lost"));

        Assert.Equal("kept", _inner.Stored("state", Job));
    }

    [Fact]
    public async Task TheNthWriteCountsOnlyTheWritesItsFilterAccepts()
    {
        _faults.FailNthWrite(2, call => call.GrainType == "chunk");

        await WriteAsync(Chunk, "c1");
        await WriteAsync(Job, "j1");
        await WriteAsync(Job, "j2");
        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Chunk, "c2"));

        Assert.Equal((4, 1), (_faults.WritesAttempted, _faults.WritesFailed));
        Assert.Equal(("c1", "j2"), (_inner.Stored("state", Chunk), _inner.Stored("state", Job)));
    }

    [Fact]
    public async Task WritesFailWhileTheWindowIsOpenAndSucceedOnceItCloses()
    {
        await WriteAsync(Job, "before");

        using (_faults.FailWrites())
        {
            for (var i = 0; i < 3; i++)
            {
                await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Job, $"during {i}"));
            }

            // Reads are not part of a write window.
            Assert.Equal("before", await ReadAsync(Job));
        }

        await WriteAsync(Job, "after");

        Assert.Equal((5, 3), (_faults.WritesAttempted, _faults.WritesFailed));
        Assert.Equal("after", _inner.Stored("state", Job));
    }

    [Fact]
    public async Task AWindowForOneStateNameLeavesTheOthersAlone()
    {
        using var window = _faults.FailWrites(call => call.StateName == "results");

        await WriteAsync(Chunk, "input", stateName: "input");
        await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Chunk, "results", stateName: "results"));

        Assert.Equal("input", _inner.Stored("input", Chunk));
        Assert.Null(_inner.Stored("results", Chunk));
    }

    [Fact]
    public async Task AWindowOverReadsWritesAndClearsFailsEachAndCountsThemApart()
    {
        await WriteAsync(Job, "stored");
        var readsBefore = _inner.Reads;

        using (_faults.Fail(StorageOperation.All))
        {
            await Assert.ThrowsAsync<InjectedStorageFaultException>(() => ReadAsync(Job));
            await Assert.ThrowsAsync<InjectedStorageFaultException>(() => ClearAsync(Job));
            await Assert.ThrowsAsync<InjectedStorageFaultException>(() => WriteAsync(Job, "lost"));
        }

        Assert.Equal(readsBefore, _inner.Reads);
        Assert.Equal("stored", _inner.Stored("state", Job));
        await ClearAsync(Job);
        Assert.Null(_inner.Stored("state", Job));
        Assert.Equal((1, 1), (_faults.Attempted(StorageOperation.Read), _faults.Failed(StorageOperation.Read)));
        Assert.Equal((2, 1), (_faults.Attempted(StorageOperation.Clear), _faults.Failed(StorageOperation.Clear)));
        Assert.Equal((2, 1), (_faults.WritesAttempted, _faults.WritesFailed));
    }

    [Fact]
    public async Task ClearDropsPendingFaultsAndOpenWindows()
    {
        _faults.FailNthWrite(1);
        var window = _faults.FailWrites();

        _faults.Clear();
        await WriteAsync(Job, "written");
        window.Dispose();

        Assert.Equal((1, 0), (_faults.WritesAttempted, _faults.WritesFailed));
        Assert.Equal("written", _inner.Stored("state", Job));
    }

    [Fact]
    public void EachClusterIdHasItsOwnSwitchboardUntilReleased()
    {
        var first = $"cluster-{Guid.NewGuid():N}";
        var second = $"cluster-{Guid.NewGuid():N}";

        var faults = StorageFaultRegistry.For(first);

        Assert.Same(faults, StorageFaultRegistry.For(first));
        Assert.NotSame(faults, StorageFaultRegistry.For(second));
        StorageFaultRegistry.Release(first);
        Assert.NotSame(faults, StorageFaultRegistry.For(first));
        StorageFaultRegistry.Release(first);
        StorageFaultRegistry.Release(second);
    }

    private Task WriteAsync(GrainId grain, string value, string stateName = "state") =>
        _storage.WriteStateAsync(stateName, grain, new GrainState<string>(value));

    private async Task<string?> ReadAsync(GrainId grain)
    {
        var state = new GrainState<string>();
        await _storage.ReadStateAsync("state", grain, state);
        return state.State;
    }

    private Task ClearAsync(GrainId grain) => _storage.ClearStateAsync("state", grain, new GrainState<string>());
}
