using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.JobIndex;

namespace PersonalizedLine.Tests.JobIndex;

[Collection(JobIndexCollection.Name)]
public sealed class JobIndexGrainTests(JobIndexSilo silo)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheListSurvivesDeactivationNewestFirstWithRepeatsIgnored()
    {
        var tenant = NewTenant();
        var index = silo.Client.GetGrain<IJobIndexGrain>(tenant);
        await index.Add(new JobIndexEntry("first", Start, "a.csv"));
        await index.Add(new JobIndexEntry("third", Start.AddMinutes(2), "c.csv"));
        await index.Add(new JobIndexEntry("second", Start.AddMinutes(1), "b.csv"));
        await index.Add(new JobIndexEntry("first", Start.AddMinutes(9), "again.csv"));
        await index.Remove("never-listed");

        await silo.Cluster.DeactivateAsync(index);

        var page = await index.Page(0, 10);
        Assert.Equal(3, page.Total);
        Assert.Equal(
            [new JobIndexEntry("third", Start.AddMinutes(2), "c.csv"), new JobIndexEntry("second", Start.AddMinutes(1), "b.csv"), new JobIndexEntry("first", Start, "a.csv")],
            page.Entries);
        Assert.Equal(["second"], (await index.Page(1, 1)).Entries.Select(entry => entry.JobId));
    }

    [Fact]
    public async Task ARemovedJobStaysRemovedAfterDeactivation()
    {
        var index = silo.Client.GetGrain<IJobIndexGrain>(NewTenant());
        await index.Add(new JobIndexEntry("kept", Start, "a.csv"));
        await index.Add(new JobIndexEntry("removed", Start.AddMinutes(1), "b.csv"));
        await index.Remove("removed");
        await index.Remove("removed");

        await silo.Cluster.DeactivateAsync(index);

        var page = await index.Page(0, 10);
        Assert.Equal(1, page.Total);
        Assert.Equal("kept", Assert.Single(page.Entries).JobId);
    }

    [Fact]
    public async Task TenantsHaveSeparateLists()
    {
        var one = silo.Client.GetGrain<IJobIndexGrain>(NewTenant());
        var other = silo.Client.GetGrain<IJobIndexGrain>(NewTenant());
        await one.Add(new JobIndexEntry("job-of-one", Start, "a.csv"));

        Assert.Equal(0, (await other.Page(0, 10)).Total);
        Assert.Equal("job-of-one", Assert.Single((await one.Page(0, 10)).Entries).JobId);
    }

    [Fact]
    public async Task ALongFileNameIsCutInTheList()
    {
        var index = silo.Client.GetGrain<IJobIndexGrain>(NewTenant());
        var name = new string('x', JobIndexGrain.MaxFileNameLength + 50) + ".csv";
        await index.Add(new JobIndexEntry("job", Start, name));

        Assert.Equal(name[..JobIndexGrain.MaxFileNameLength], Assert.Single((await index.Page(0, 1)).Entries).FileName);
    }

    [Fact]
    public async Task ACreatedJobIsListedUnderTheDefaultTenantAndAnAbortedOneIsNot()
    {
        var jobId = $"indexed-{Guid.NewGuid():N}";
        var job = silo.Client.GetGrain<IJobGrain>(jobId);
        await job.Create(new JobSpec("indexed.csv", ["first_name", "company"], ',', "{company}", "Write to {first_name}.", "model"));

        var listed = await FindAsync(jobId);
        Assert.NotNull(listed);
        Assert.Equal("indexed.csv", listed.FileName);
        Assert.Equal((await job.GetProgress())!.CreatedAt, listed.CreatedAt);

        await job.Abort("the upload was interrupted");

        Assert.Null(await FindAsync(jobId));
    }

    private async Task<JobIndexEntry?> FindAsync(string jobId)
    {
        var index = silo.Client.GetGrain<IJobIndexGrain>(Tenants.Default);
        var total = (await index.Page(0, 1)).Total;
        return (await index.Page(0, total)).Entries.SingleOrDefault(entry => entry.JobId == jobId);
    }

    private static string NewTenant() => $"tenant-{Guid.NewGuid():N}";
}
