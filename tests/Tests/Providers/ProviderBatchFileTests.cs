using System.Net;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

/// <summary>Batch input files through the real upload and files clients against the emulator.</summary>
public sealed class ProviderBatchFileTests
{
    [Fact]
    public async Task An_uploaded_file_is_found_again_by_its_name_and_can_be_deleted()
    {
        await using var host = await ProviderTestHost.StartAsync();
        var client = host.Batches;
        using var file = await BatchRequests.FileAsync(client, ("row-1", BatchRequests.Single(1)), ("row-2", BatchRequests.Single(2)));
        var length = file.Length;

        var uploaded = await client.UploadAsync("job-7-part-1.jsonl", file, CancellationToken.None);
        var found = await client.FindFileAsync("job-7-part-1.jsonl", CancellationToken.None);
        var other = await client.FindFileAsync("job-7-part-2.jsonl", CancellationToken.None);
        var deleted = await client.DeleteFileAsync(uploaded.Id, CancellationToken.None);
        var deletedAgain = await client.DeleteFileAsync(uploaded.Id, CancellationToken.None);
        var afterDelete = await client.FindFileAsync("job-7-part-1.jsonl", CancellationToken.None);

        Assert.StartsWith("file-", uploaded.Id, StringComparison.Ordinal);
        Assert.Equal("job-7-part-1.jsonl", uploaded.FileName);
        Assert.Equal("batch", uploaded.Purpose);
        Assert.Equal(length, uploaded.Bytes);
        Assert.Equal(uploaded, found);
        Assert.Null(other);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Null(afterDelete);
        Assert.Equal(1, host.Emulator.Batches.FilesUploaded);
    }

    [Fact]
    public async Task The_upload_streams_the_file_instead_of_holding_it_in_memory()
    {
        var tap = new TransportTap();
        long readWhenSent = -1;
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        const long size = 24L * 1024 * 1024;
        using var source = new GeneratedJsonlStream(size);
        tap.OnSend = request =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/files", StringComparison.Ordinal))
            {
                readWhenSent = source.BytesRead;
            }
        };

        var uploaded = await host.Batches.UploadAsync("large.jsonl", source, CancellationToken.None);

        // Nothing above the socket read the body before sending it: a buffered body would be read whole by then.
        Assert.Equal(0, readWhenSent);
        // The socket then took it in pieces, all of it, once.
        Assert.Equal(size, source.BytesRead);
        Assert.True(source.Reads > 100, $"read in {source.Reads} pieces");
        Assert.True(source.LargestRead <= 1024 * 1024, $"largest read {source.LargestRead} bytes");
        Assert.Equal(size, uploaded.Bytes);
        Assert.Equal(size, host.Emulator.Batches.UploadedBytes);
        Assert.False(source.WasDisposed);
    }

    [Fact]
    public async Task A_failed_upload_is_not_sent_again_and_says_which_file()
    {
        var tap = new TransportTap
        {
            Answer = request => request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/files", StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                : null,
        };
        await using var host = await ProviderTestHost.StartAsync(services: tap.AddTo);
        using var file = await BatchRequests.FileAsync(host.Batches, ("row-1", BatchRequests.Single(1)));

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => host.Batches.UploadAsync("rows.jsonl", file, CancellationToken.None));

        Assert.Equal(1, tap.Count("POST /v1/files"));
        Assert.StartsWith("Uploading batch file rows.jsonl: LLM Batch API returned HTTP 503", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Emulator.Batches.FilesUploaded);
    }

    [Fact]
    public async Task Uploading_to_a_provider_without_a_batch_api_says_so()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Batches.Disabled = true;
        using var file = await BatchRequests.FileAsync(host.Batches, ("row-1", BatchRequests.Single(1)));

        var failure = await Assert.ThrowsAsync<ProviderCallException>(() => host.Batches.UploadAsync("rows.jsonl", file, CancellationToken.None));

        Assert.StartsWith($"The LLM provider at {host.Emulator.LlmBaseUrl.ToString().TrimEnd('/')} has no Batch API", failure.Message, StringComparison.Ordinal);
        Assert.Contains("mode=batch", failure.Message, StringComparison.Ordinal);
    }
}
