using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Client.Sdk.Models;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>The typed client against the API hosted in memory: submit, follow, list, download, and errors as exceptions.</summary>
[Collection(ApiCollection.Name)]
public sealed class TypedClientTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly PersonalizedLineClient _client;

    public TypedClientTests(ApiFixture api)
    {
        api.Emulator.Reset();
        _client = PersonalizedLineClient.Create(new Uri("http://localhost"), configure: http => http.ConfigurePrimaryHttpMessageHandler(api.CreateHandler));
    }

    [Fact]
    public async Task ASubmittedFileIsFollowedListedItsFirstRowsReadAndDownloadedThroughTheClient()
    {
        var sample = RepositoryFiles.PathOf("samples/leads.csv");

        var submitted = await _client.Jobs.SubmitFileAsync(sample, new JobOptions(Model: "llama-3.1-8b-instant"));
        var done = await Eventually.ReturnsAsync(() => _client.Jobs.GetAsync(submitted.Id), job => job.IsFinished(), Deadline, $"job {submitted.Id} to finish");
        var list = await _client.Jobs.ListAsync(limit: 100);
        var firstRows = await _client.Jobs.GetRowsAsync(submitted.Id, limit: 5);
        await using var result = await _client.Jobs.DownloadResultAsync(submitted.Id);
        using var bytes = new MemoryStream();
        await result.CopyToAsync(bytes);

        Assert.Equal("leads.csv", submitted.FileName);
        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal((40, 40, 39, 1), (done.TotalRows, done.ProcessedRows, done.SucceededRows, done.FailedRows));
        Assert.Equal("llama-3.1-8b-instant", done.Model);
        Assert.True(done.Usage.TotalTokens > 0);
        Assert.Equal($"/jobs/{submitted.Id}/result", done.ResultUrl);
        var listed = Assert.Single(list.Jobs, job => job.Id == submitted.Id);
        Assert.Equal((JobStatus.Completed, 40L), (listed.Status, listed.TotalRows));
        var csv = await SampleOutput.AssertKeepsEveryInputCellAsync(sample, bytes.ToArray());
        Assert.Equal([1L, 2, 3, 4, 5], firstRows.Rows.Select(row => row.Row));
        Assert.All(firstRows.Rows, row => Assert.Equal(csv.Cell((int)row.Row - 1, "personalized_line"), row.PersonalizedLine));
        Assert.Equal(39, Enumerable.Range(0, csv.Rows.Count).Count(i => csv.Cell(i, "personalization_status") == "ok"));
    }

    [Fact]
    public async Task TheEstimateIsReadIntoItsRecord()
    {
        var estimate = await _client.Jobs.EstimateFileAsync(RepositoryFiles.PathOf("samples/leads.csv"), new JobOptions(Limit: 10, RowsPerRequest: 5));

        Assert.Equal(10, estimate.RowLimit);
        Assert.Equal(10, estimate.Rows);
        Assert.Equal(5, estimate.RowsPerRequest);
        Assert.Equal(2, estimate.LlmRequests);
        Assert.Equal(JobMode.Online, estimate.Mode);
        Assert.NotEmpty(estimate.Notes);
    }

    [Fact]
    public async Task ABadRequestBecomesAnExceptionWithTheProblemsTitleAndDetail()
    {
        var error = await Assert.ThrowsAsync<PersonalizedLineApiException>(() =>
            _client.Jobs.SubmitFileAsync(RepositoryFiles.PathOf("samples/leads.csv"), new JobOptions(RowsPerRequest: 99)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("Bad rowsPerRequest", error.Title);
        Assert.Equal(
            "'rowsPerRequest' must be a whole number from 1 to 50 (got '99'): how many rows share one LLM request. Leave it out for the server's default (Llm__RowsPerRequest).",
            error.Detail);
    }

    [Fact]
    public async Task ValidationProblemsNameTheirFieldsAndUnknownJobsAre404()
    {
        var paging = await Assert.ThrowsAsync<PersonalizedLineApiException>(() => _client.Jobs.ListAsync(limit: 0));
        var missing = await Assert.ThrowsAsync<PersonalizedLineApiException>(() => _client.Jobs.GetAsync("no-such-job"));

        Assert.Equal(HttpStatusCode.BadRequest, paging.StatusCode);
        Assert.Equal("Invalid paging", paging.Title);
        Assert.Equal(["limit must be a whole number between 1 and 100 (it was '0')."], paging.Errors["limit"]);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Job not found", missing.Title);
        Assert.Contains("no-such-job", missing.Detail);
    }

    public void Dispose() => _client.Dispose();
}
