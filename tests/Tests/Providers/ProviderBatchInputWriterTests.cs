using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.EmulatorTests;

namespace PersonalizedLine.Tests.Providers;

/// <summary>The batch input file: its exact line format, its limits, and bodies identical to the online ones.</summary>
public sealed class ProviderBatchInputWriterTests
{
    private const string Prefix = """{"custom_id":"row-1","method":"POST","url":"/v1/chat/completions","body":""";

    [Fact]
    public async Task A_line_is_the_custom_id_method_url_and_the_chat_request_as_the_online_client_writes_it()
    {
        var format = Format();
        using var file = new MemoryStream();
        using var writer = new BatchInputWriter(file, format, 1_000_000, 10);

        await writer.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None);
        await writer.TryWriteAsync("rows-2", BatchRequests.Shared(BatchedRow.Of("2", "Bo", "Globex")), CancellationToken.None);

        var lines = Encoding.UTF8.GetString(file.ToArray()).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(string.Empty, lines[2]);
        Assert.Equal(
            Prefix + """{"model":"llama-3.1-8b-instant","messages":[{"role":"system","content":"Write one opening line. No preamble."},""" +
            """{"role":"user","content":"first_name: Ada1\ncompany: Acme Robotics 1\n\u003Cresearch\u003EAcme builds robots \u0026 more.\u003C/research\u003E"}],""" +
            "\"temperature\":0.7,\"max_tokens\":120}}",
            lines[0]);
        Assert.StartsWith("""{"custom_id":"rows-2","method":"POST","url":"/v1/chat/completions","body":{"model":"llama-3.1-8b-instant",""", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("\"temperature\":0.7,\"max_tokens\":400,\"response_format\":{\"type\":\"json_object\"}}}", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_and_lines_are_counted_as_written()
    {
        var format = Format();
        using var file = new MemoryStream();
        using var writer = new BatchInputWriter(file, format, 1_000_000, 100);

        for (var i = 1; i <= 5; i++)
        {
            Assert.True(await writer.TryWriteAsync($"row-{i}", BatchRequests.Single(i), CancellationToken.None));
        }

        Assert.Equal(5, writer.LinesWritten);
        Assert.Equal(file.Length, writer.BytesWritten);
        Assert.Equal(5, file.ToArray().Count(b => b == (byte)'\n'));
    }

    [Fact]
    public async Task A_body_serialized_elsewhere_with_the_chat_context_makes_the_same_line_and_is_measured_exactly()
    {
        var format = Format();
        var request = BatchRequests.Shared(BatchedRow.Of("7", "Zoë", "Acme <Robotics> & Sons"));
        var body = JsonSerializer.Serialize(request, OpenAiJsonContext.Default.ChatCompletionRequest);
        using var typed = new MemoryStream();
        using var raw = new MemoryStream();
        using var typedWriter = new BatchInputWriter(typed, format, 1_000_000, 10);
        using var rawWriter = new BatchInputWriter(raw, format, 1_000_000, 10);

        var measured = rawWriter.LineBytes("rows-7", body);
        await typedWriter.TryWriteAsync("rows-7", request, CancellationToken.None);
        await rawWriter.TryWriteRawAsync("rows-7", body, CancellationToken.None);
        var notAnObject = await Assert.ThrowsAsync<ArgumentException>(() => rawWriter.TryWriteRawAsync("rows-8", "[1,2]", CancellationToken.None).AsTask());

        Assert.Equal(typed.ToArray(), raw.ToArray());
        Assert.Equal(raw.Length, measured);
        Assert.Equal(raw.Length, rawWriter.BytesWritten);
        Assert.Contains("one JSON object", notAnObject.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_would_pass_either_limit_is_refused_whole()
    {
        var format = Format();
        using var probe = new MemoryStream();
        using (var measure = new BatchInputWriter(probe, format, 1_000_000, 100))
        {
            await measure.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None);
        }

        var lineBytes = probe.Length;
        using var bySize = new MemoryStream();
        using var sizeLimited = new BatchInputWriter(bySize, format, (lineBytes * 2) + 10, 100);
        using var byCount = new MemoryStream();
        using var countLimited = new BatchInputWriter(byCount, format, 1_000_000, 2);

        Assert.True(await sizeLimited.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None));
        Assert.True(await sizeLimited.TryWriteAsync("row-2", BatchRequests.Single(2), CancellationToken.None));
        Assert.False(await sizeLimited.TryWriteAsync("row-3", BatchRequests.Single(3), CancellationToken.None));
        Assert.Equal(lineBytes * 2, bySize.Length);
        Assert.Equal(2, sizeLimited.LinesWritten);
        Assert.True(await countLimited.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None));
        Assert.True(await countLimited.TryWriteAsync("row-2", BatchRequests.Single(2), CancellationToken.None));
        Assert.True(countLimited.IsFull);
        Assert.False(await countLimited.TryWriteAsync("row-3", BatchRequests.Single(3), CancellationToken.None));
        Assert.Equal(2, byCount.ToArray().Count(b => b == (byte)'\n'));
    }

    [Fact]
    public async Task A_duplicate_custom_id_or_a_line_larger_than_a_whole_file_is_a_mistake_not_a_full_file()
    {
        var format = Format();
        using var file = new MemoryStream();
        using var writer = new BatchInputWriter(file, format, 1_000_000, 10);
        using var tiny = new BatchInputWriter(new MemoryStream(), format, 100, 10);
        await writer.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None);

        var duplicate = await Assert.ThrowsAsync<ArgumentException>(() => writer.TryWriteAsync("row-1", BatchRequests.Single(2), CancellationToken.None).AsTask());
        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => tiny.TryWriteAsync("row-1", BatchRequests.Single(1), CancellationToken.None).AsTask());

        Assert.Contains("already in this batch file", duplicate.Message, StringComparison.Ordinal);
        Assert.Contains("Llm__MaxBatchFileBytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal(1, writer.LinesWritten);
    }

    [Fact]
    public async Task The_client_writer_uses_the_configured_limits()
    {
        await using var services = ProviderTestHost.BuildServices(new() { ["Llm:ApiKey"] = "k", ["Llm:MaxRequestsPerBatch"] = "7", ["Llm:MaxBatchFileBytes"] = "4096" });

        using var writer = services.GetRequiredService<IProviderBatchClient>().CreateInputWriter(new MemoryStream());

        Assert.Equal(7, writer.MaxLines);
        Assert.Equal(4096, writer.MaxBytes);
    }

    [Fact]
    public async Task Bodies_are_byte_for_byte_what_the_online_client_sends()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var line = ProviderTestHost.Line("Zoë", "Acme <Robotics> & Sons");
        var shared = new SharedLineRequest("Answer in JSON.", BatchedRow.UserMessage([BatchedRow.Of("1", "Zoë", "Initech")]), "llama-3.1-8b-instant", 400, 1);
        await host.Writer.WriteLineAsync(line, CancellationToken.None);
        await ((ISharedLineWriter)host.Writer).WriteSharedAsync(shared, CancellationToken.None);
        var online = host.Emulator.Llm.Requests.Select(r => r.Body).ToList();
        using var file = new MemoryStream();
        using (var writer = host.Batches.CreateInputWriter(file))
        {
            await writer.TryWriteAsync("row-1", new ChatCompletionRequest(
                line.Model, [new ChatMessage("system", line.SystemPrompt), new ChatMessage("user", line.UserPrompt)], 0.7, 120), CancellationToken.None);
            await writer.TryWriteAsync("row-1-shared", new ChatCompletionRequest(
                shared.Model, [new ChatMessage("system", shared.SystemPrompt), new ChatMessage("user", shared.UserPrompt)], 0.7, shared.MaxTokens,
                ChatResponseFormat.JsonObject), CancellationToken.None);
        }

        var bodies = Encoding.UTF8.GetString(file.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l[(l.IndexOf("\"body\":", StringComparison.Ordinal) + "\"body\":".Length)..^1])
            .ToList();
        Assert.Equal(2, online.Count);
        Assert.Equal(online, bodies);
    }

    /// <summary>The registered chat client's JSON settings; they outlive the services they came from.</summary>
    private static ChatWireFormat Format()
    {
        using var services = ProviderTestHost.BuildServices(new() { ["Llm:ApiKey"] = "k" });
        return services.GetRequiredService<ChatWireFormat>();
    }
}
