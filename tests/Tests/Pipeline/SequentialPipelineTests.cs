using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Tests.Pipeline;

[Collection(SequentialCollection.Name)]
public sealed class SequentialPipelineTests(SequentialSilo silo)
{
    [Fact]
    public async Task ALimitOfOneProcessesRowsStrictlyOneAtATime()
    {
        silo.Emulator.Reset();
        silo.Emulator.Search.Latency = TimeSpan.FromMilliseconds(20);
        silo.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(20);

        var (progress, output) = await silo.RunAsync(Support.LeadFiles.Csv(15), TimeSpan.FromSeconds(60));

        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(15, progress.SucceededRows);
        Assert.Equal(1, silo.Emulator.Search.MaxInFlight);
        Assert.Equal(1, silo.Emulator.Llm.MaxInFlight);
        Assert.Equal(1, silo.Limiters.Single().TakePeakInFlight());
        Assert.All(Enumerable.Range(0, 15), i => Assert.Equal($"Lead{i}", output.Cell(i, "first_name")));
    }

    [Fact]
    public async Task ARowsBudgetStartsWhenItGetsASlotNotWhileItQueues()
    {
        silo.Emulator.Reset();
        silo.Emulator.Search.Latency = TimeSpan.FromMilliseconds(150);
        silo.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(150);

        // Ten rows one at a time take about 3 s, well past the 2 s budget of one row.
        var (progress, output) = await silo.RunAsync(Support.LeadFiles.Csv(10), TimeSpan.FromSeconds(60));

        output.AssertAllOk();
        Assert.Equal(10, progress.SucceededRows);
        Assert.True(progress.FinishedAt - progress.StartedAt > SequentialSilo.RowTimeout,
            $"the job took {progress.FinishedAt - progress.StartedAt}, so it did not test the budget");
    }
}
