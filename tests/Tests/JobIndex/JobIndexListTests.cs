using System.Diagnostics;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.JobIndex;

namespace PersonalizedLine.Tests.JobIndex;

public sealed class JobIndexListTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PagesAreNewestFirstWhateverOrderTheJobsWereAddedIn()
    {
        var list = new JobIndexList([]);
        foreach (var minute in new[] { 3, 1, 4, 0, 2 })
        {
            Assert.True(list.Add(Entry($"job-{minute}", minute)));
        }

        Assert.Equal(["job-4", "job-3", "job-2", "job-1", "job-0"], Ids(list.Page(0, 10)));
        Assert.Equal(["job-3", "job-2"], Ids(list.Page(1, 2)));
        Assert.Equal(["job-0"], Ids(list.Page(4, 2)));
        Assert.Empty(list.Page(5, 2).Entries);
        Assert.Empty(list.Page(int.MaxValue, 2).Entries);
        Assert.All(new[] { list.Page(0, 1), list.Page(9, 1) }, page => Assert.Equal(5, page.Total));
    }

    [Fact]
    public void JobsCreatedAtTheSameMomentAreOrderedById()
    {
        var list = new JobIndexList([]);
        list.Add(Entry("b", 0));
        list.Add(Entry("c", 0));
        list.Add(Entry("a", 0));

        Assert.Equal(["c", "b", "a"], Ids(list.Page(0, 3)));
    }

    [Fact]
    public void AddingAJobTwiceKeepsTheFirstEntryAndRemovingAnUnknownJobChangesNothing()
    {
        var list = new JobIndexList([]);
        Assert.True(list.Add(Entry("job", 0, "first.csv")));
        Assert.False(list.Add(Entry("job", 5, "second.csv")));
        Assert.False(list.Remove("no-such-job"));

        var only = Assert.Single(list.Page(0, 10).Entries);
        Assert.Equal(Entry("job", 0, "first.csv"), only);

        Assert.True(list.Remove("job"));
        Assert.False(list.Remove("job"));
        Assert.Equal(0, list.Count);
        Assert.Null(list.Find("job"));
    }

    [Fact]
    public void StoredEntriesOutOfOrderAreSortedWhenLoaded()
    {
        var list = new JobIndexList([Entry("late", 9), Entry("early", 1), Entry("middle", 5)]);

        Assert.Equal(["late", "middle", "early"], Ids(list.Page(0, 3)));
        Assert.True(list.Remove("middle"));
        Assert.Equal(["late", "early"], Ids(list.Page(0, 3)));
    }

    [Fact]
    public void AHundredThousandJobsAreAddedPagedAndRemovedInWellUnderTheTimeOfOneRequest()
    {
        const int jobs = 100_000;
        var list = new JobIndexList([]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < jobs; i++)
        {
            list.Add(Entry($"job-{i:D6}", i));
        }

        // One job added out of order, the newest page, and removals from the middle.
        list.Add(Entry("job-old", -1));
        var newest = list.Page(0, 20);
        for (var i = 0; i < 1000; i++)
        {
            list.Remove($"job-{i * 97:D6}");
        }

        clock.Stop();
        Assert.Equal(jobs + 1 - 1000, list.Count);
        Assert.Equal("job-099999", newest.Entries[0].JobId);
        Assert.Equal("job-old", list.Page(list.Count - 1, 1).Entries[0].JobId);
        // Generous for a loaded 2-core machine; a quadratic structure would take minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    private static JobIndexEntry Entry(string id, int minute, string file = "leads.csv") => new(id, Start.AddMinutes(minute), file);

    private static List<string> Ids(JobIndexPage page) => page.Entries.Select(entry => entry.JobId).ToList();
}
