using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.EmulatorTests;

namespace PersonalizedLine.Tests.Providers;

/// <summary>Chat requests as the product sends them, and batch input files written from them by the real writer.</summary>
internal static class BatchRequests
{
    public const string Model = "llama-3.1-8b-instant";
    public const string SystemPrompt = "Write one opening line. No preamble.";

    public static string UserPrompt(int n) => $"first_name: Ada{n}\ncompany: Acme Robotics {n}\n<research>Acme builds robots & more.</research>";

    /// <summary>One row alone, as <see cref="ILineWriter"/> sends it.</summary>
    public static ChatCompletionRequest Single(int n) =>
        new(Model, [new ChatMessage("system", SystemPrompt), new ChatMessage("user", UserPrompt(n))], 0.7, 120);

    /// <summary>Several rows in one JSON-mode request, as <see cref="ISharedLineWriter"/> sends it.</summary>
    public static ChatCompletionRequest Shared(params BatchedRow[] rows) =>
        new(Model, [new ChatMessage("system", SystemPrompt), new ChatMessage("user", BatchedRow.UserMessage(rows))], 0.7, 400, ChatResponseFormat.JsonObject);

    /// <summary>The requests written by the client's own <see cref="BatchInputWriter"/>, rewound for upload.</summary>
    public static async Task<MemoryStream> FileAsync(IProviderBatchClient client, params (string CustomId, ChatCompletionRequest Request)[] requests)
    {
        var file = new MemoryStream();
        using (var writer = client.CreateInputWriter(file))
        {
            foreach (var (customId, request) in requests)
            {
                Assert.True(await writer.TryWriteAsync(customId, request, CancellationToken.None));
            }
        }

        file.Position = 0;
        return file;
    }

    /// <summary>Uploads <paramref name="requests"/> as one file and starts a batch over it.</summary>
    public static async Task<ProviderBatch> StartAsync(
        IProviderBatchClient client, string fileName, params (string CustomId, ChatCompletionRequest Request)[] requests)
    {
        using var file = await FileAsync(client, requests);
        var uploaded = await client.UploadAsync(fileName, file, CancellationToken.None);
        return await client.CreateBatchAsync(uploaded.Id, "24h", new Dictionary<string, string> { ["file"] = fileName }, CancellationToken.None);
    }

    /// <summary>Polls the batch until it has finished.</summary>
    public static Task<ProviderBatch> FinishedAsync(IProviderBatchClient client, string batchId) =>
        Support.Eventually.ReturnsAsync(
            () => client.GetBatchAsync(batchId, CancellationToken.None), batch => batch.IsFinished, TimeSpan.FromSeconds(20), $"batch {batchId} to finish");

    public static async Task<List<BatchResultLine>> ReadAllAsync(IProviderBatchClient client, string fileId)
    {
        var lines = new List<BatchResultLine>();
        await foreach (var line in client.ReadResultsAsync(fileId, CancellationToken.None))
        {
            lines.Add(line);
        }

        return lines;
    }
}
