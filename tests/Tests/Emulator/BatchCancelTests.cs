using System.Text.Json;
using PersonalizedLine.ProviderEmulator.BatchApi;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Cancelling a batch: <c>cancelling</c>, then <c>cancelled</c>, keeping what was already answered.</summary>
public sealed class BatchCancelTests
{
    [Fact]
    public async Task A_cancelled_batch_is_cancelling_until_it_has_wound_down()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.ValidatingTime = TimeSpan.FromHours(1);
        emulator.Batches.FinalizingTime = TimeSpan.FromHours(1);
        var id = (await api.CreateBatchAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString();

        var cancel = await api.PostAsync($"/v1/batches/{id}/cancel", new { });
        var again = await api.PostAsync($"/v1/batches/{id}/cancel", new { });

        Assert.Equal(200, cancel.Status);
        Assert.Equal("cancelling", BatchApiCalls.Status(cancel.Body));
        Assert.Equal(JsonValueKind.Number, cancel.Body.GetProperty("cancelling_at").ValueKind);
        Assert.Equal(200, again.Status);
        Assert.Equal("cancelling", BatchApiCalls.Status(again.Body));
        Assert.Equal(1, emulator.Batches.BatchesCancelled);
    }

    [Fact]
    public async Task A_batch_cancelled_while_validating_ends_cancelled_having_run_nothing()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.ValidatingTime = TimeSpan.FromHours(1);
        var id = (await api.CreateBatchAsync(BatchInputFile.OfSingles("a", "b"))).Body.GetProperty("id").GetString()!;

        await api.PostAsync($"/v1/batches/{id}/cancel", new { });
        var cancelled = await api.WaitForStatusAsync(id, null, "cancelled");

        Assert.Equal(JsonValueKind.Number, cancelled.GetProperty("cancelled_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("in_progress_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("output_file_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("error_file_id").ValueKind);
        Assert.Equal(0, cancelled.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(0, emulator.Batches.RequestsProcessed);
    }

    [Fact]
    public async Task A_batch_cancelled_in_progress_keeps_the_answers_it_had_and_drops_the_rest()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        emulator.Batches.ProcessingTime = TimeSpan.FromHours(1);
        // Only the first two requests get answered before the window would run out.
        emulator.Batches.EnqueueOutcomes(BatchOutcome.Expired(completedRequests: 2));
        var id = (await api.CreateBatchAsync(BatchInputFile.OfSingles("a", "b", "c"))).Body.GetProperty("id").GetString()!;
        await api.WaitForStatusAsync(id, null, "in_progress");

        var cancel = await api.PostAsync($"/v1/batches/{id}/cancel", new { });
        var cancelled = await api.WaitForStatusAsync(id, null, "cancelled");
        var output = await api.LinesAsync(cancelled.GetProperty("output_file_id").GetString()!);

        Assert.Contains(BatchApiCalls.Status(cancel.Body), (string[])["cancelling", "cancelled"]);
        Assert.Equal(["a", "b"], output.Select(l => l.GetProperty("custom_id").GetString()));
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("error_file_id").ValueKind);
        Assert.Equal(2, cancelled.GetProperty("request_counts").GetProperty("completed").GetInt32());
        Assert.Equal(0, cancelled.GetProperty("request_counts").GetProperty("failed").GetInt32());
        Assert.Equal(3, cancelled.GetProperty("request_counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_finished_batch_cannot_be_cancelled()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var api = new BatchApiCalls(emulator);
        var id = (await api.CreateBatchAsync(BatchInputFile.OfSingles("a"))).Body.GetProperty("id").GetString()!;
        await api.WaitForStatusAsync(id, null, "completed");

        var cancel = await api.PostAsync($"/v1/batches/{id}/cancel", new { });
        var unknown = await api.PostAsync("/v1/batches/batch_nope/cancel", new { });

        Assert.Equal(409, cancel.Status);
        Assert.Contains("completed", cancel.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Status);
        Assert.Equal(0, emulator.Batches.BatchesCancelled);
    }
}
