using Orleans.TestingHost;
using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// The wrapper registered on a three-silo TestingHost cluster under a product storage name: grains' writes on every
/// silo reach the one switchboard the test finds by cluster id, which fails them, and writes succeed again once the
/// window closes.
/// </summary>
public sealed class FaultInjectingStorageClusterTests
{
    [Fact]
    public async Task GrainWritesOnEverySiloFailInTheWindowTheTestOpensAndSucceedAfter()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService());
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var faults = StorageFaultRegistry.For(cluster.Options.ClusterId);
        try
        {
            var notes = Enumerable.Range(0, 12).Select(i => cluster.Client.GetGrain<IStoredNoteGrain>($"note-{i}-{Guid.NewGuid():N}")).ToList();
            await Task.WhenAll(notes.Select(note => note.Write("first", 1)));
            faults.FailNthWrite(2, call => call.GrainId == notes[0].GetGrainId());

            await notes[0].Write("second", 2);
            var nth = await WriteFailureAsync(() => notes[0].Write("third", 3));
            using (faults.FailWrites(call => call.StorageName == "jobs" && call.StateName == "s"))
            {
                var windowed = await Task.WhenAll(notes.Select(note => WriteFailureAsync(() => note.Write("fourth", 4))));
                Assert.Equal(notes.Select(note => note.GetGrainId()), windowed.Select(error => error.Call.GrainId));
            }

            await Task.WhenAll(notes.Select(note => note.Write("fifth", 5)));

            Assert.Equal(notes[0].GetGrainId(), nth.Call.GrainId);
            Assert.StartsWith("Injected grain storage fault: Write of 's' in 'jobs'", nth.Message);
            Assert.Equal((12 + 2 + 12 + 12, 1 + 12), (faults.WritesAttempted, faults.WritesFailed));
            Assert.All(await Task.WhenAll(notes.Select(note => note.Read())), view => Assert.Equal(("fifth", 5), (view.Text, view.Count)));
            // The grains were spread over the silos, and all of them answered to the one switchboard.
            var silos = await Task.WhenAll(notes.Select(note => cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(note).AsTask()));
            Assert.True(silos.Distinct().Count() > 1, "every note was placed on the same silo");
        }
        finally
        {
            StorageFaultRegistry.Release(cluster.Options.ClusterId);
        }
    }

    /// <summary>Orleans' state bridge wraps a provider's exception, as it would a database's, in an OrleansException.</summary>
    private static async Task<InjectedStorageFaultException> WriteFailureAsync(Func<Task> write)
    {
        var error = await Assert.ThrowsAsync<OrleansException>(write);
        return Assert.IsType<InjectedStorageFaultException>(error.InnerException);
    }
}
