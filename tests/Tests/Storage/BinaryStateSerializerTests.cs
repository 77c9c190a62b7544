using Orleans.Storage;
using PersonalizedLine.Grains.Batches;
using PersonalizedLine.Grains.Chunks;
using PersonalizedLine.Grains.JobIndex;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Quotas;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The PostgreSQL storage's payloads: every stored state of the product in Orleans' binary form, and the JSON of earlier versions still read.</summary>
public sealed class BinaryStateSerializerTests
{
    private static readonly IGrainStorageSerializer Binary = StateSerializers.Binary;

    private static readonly IGrainStorageSerializer Json = StateSerializers.Json;

    private static readonly BinaryStateSerializer Serializer = new(Binary, Json);

    public static TheoryData<object> StoredStates() =>
    [
        new JobState(), new ChunkInputState(), new ChunkResultsState(), new ResearchCacheState(), new JobWebhookState(),
        new JobIndexState(), new TenantDailyRowsState(), new ProviderBatchState(),
    ];

    [Theory]
    [MemberData(nameof(StoredStates))]
    public void Every_stored_state_is_written_in_a_form_that_cannot_be_taken_for_json(object state)
    {
        var payload = Serializer.Serialize(state).ToArray();

        Assert.False(BinaryStateSerializer.IsJson(payload), $"{state.GetType().Name} starts with 0x{payload[0]:X2}");
        Assert.True(BinaryStateSerializer.IsJson(Json.Serialize(state).ToArray()));
    }

    [Fact]
    public void A_state_is_read_back_from_either_form()
    {
        var fetchedAt = new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
        var state = new ResearchCacheState { Query = "Acme Corp", Summary = "Makes anvils; ships to deserts.", FetchedAt = fetchedAt };

        foreach (var payload in new[] { Serializer.Serialize(state), Json.Serialize(state) })
        {
            var read = Serializer.Deserialize<ResearchCacheState>(payload)!;
            Assert.Equal(("Acme Corp", "Makes anvils; ships to deserts.", fetchedAt), (read.Query, read.Summary, read.FetchedAt));
        }
    }

    [Theory]
    [InlineData("{\"a\":1}", true)]
    [InlineData(" \r\n\t{}", true)]
    [InlineData("\uFEFF{}", true)]
    [InlineData("[1]", false)]
    [InlineData("", false)]
    public void Json_is_told_by_its_opening_brace(string text, bool json) =>
        Assert.Equal(json, BinaryStateSerializer.IsJson(System.Text.Encoding.UTF8.GetBytes(text)));
}
