using PersonalizedLine.Client.Sdk.Models;
using Refit;

namespace PersonalizedLine.Client.Sdk;

/// <summary>
/// The API's <c>/jobs</c> endpoints. Errors arrive as <see cref="PersonalizedLineApiException"/> (status, title and
/// detail of the server's problem answer). The upload's text fields go before the file part: the server reads the
/// file as it arrives, so it must know the job's settings first. Null fields are left out (the server's defaults).
/// </summary>
public interface IJobsApi
{
    /// <summary>Starts a job on the file (202 Accepted): the job's first progress, its id among it.</summary>
    /// <param name="prompt">Prompt template (placeholders are the file's column names in braces).</param>
    /// <param name="researchQuery">Research query template.</param>
    /// <param name="model">LLM model id.</param>
    /// <param name="refreshResearch">Search every distinct query again instead of using cached research.</param>
    /// <param name="limit">A preview: only the first this many rows.</param>
    /// <param name="rowsPerRequest">Rows sharing one LLM request (1-50).</param>
    /// <param name="mode"><c>online</c> or <c>batch</c> (the provider's Batch API).</param>
    /// <param name="webhookUrl">Receives the job's outcome as a signed POST.</param>
    /// <param name="sheet">For an .xlsx file, the sheet to read by name (null: the first).</param>
    /// <param name="file">The CSV or .xlsx, with its file name.</param>
    /// <param name="cancellationToken">Stops the upload; the server then keeps nothing.</param>
    [Multipart]
    [Post("/jobs")]
    Task<JobProgress> SubmitAsync(
        string? prompt,
        string? researchQuery,
        string? model,
        bool? refreshResearch,
        long? limit,
        int? rowsPerRequest,
        string? mode,
        string? webhookUrl,
        string? sheet,
        StreamPart file,
        CancellationToken cancellationToken = default);

    /// <summary>What the file would cost (same form as <see cref="SubmitAsync"/>); creates nothing, calls no provider.</summary>
    [Multipart]
    [Post("/jobs/estimate")]
    Task<JobEstimate> EstimateAsync(
        string? prompt,
        string? researchQuery,
        string? model,
        bool? refreshResearch,
        long? limit,
        int? rowsPerRequest,
        string? mode,
        string? webhookUrl,
        string? sheet,
        StreamPart file,
        CancellationToken cancellationToken = default);

    /// <summary>Jobs, newest first, a page at a time (limit 1-100, default 20; offset from 0).</summary>
    [Get("/jobs")]
    Task<JobList> ListAsync(int? limit = null, int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>A job's status, counts, rate, ETA, usage and cost.</summary>
    [Get("/jobs/{id}")]
    Task<JobProgress> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The output as a stream straight off the response (dispose it): CSV, or an Excel workbook when
    /// <paramref name="format"/> is <c>xlsx</c>. A running job answers 409 unless <paramref name="partial"/> asks for
    /// the rows done so far.
    /// </summary>
    [Get("/jobs/{id}/result")]
    Task<Stream> DownloadResultAsync(string id, bool? partial = null, string? format = null, CancellationToken cancellationToken = default);

    /// <summary>The first finished rows (limit 1-100, default 20), to show lines while the job runs.</summary>
    [Get("/jobs/{id}/rows")]
    Task<JobRows> GetRowsAsync(string id, int? limit = null, CancellationToken cancellationToken = default);

    /// <summary>Stops the job; unprocessed rows end as failed with a reason.</summary>
    [Post("/jobs/{id}/cancel")]
    Task<JobProgress> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>No new rows start until <see cref="ResumeAsync"/>; rows in flight finish.</summary>
    [Post("/jobs/{id}/pause")]
    Task<JobProgress> PauseAsync(string id, CancellationToken cancellationToken = default);

    [Post("/jobs/{id}/resume")]
    Task<JobProgress> ResumeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Runs a finished job's failed rows again; <paramref name="reason"/> <c>transient</c> retries only those that failed on timeouts, 5xx, rate limits or cancellation.</summary>
    [Post("/jobs/{id}/retry")]
    Task<JobProgress> RetryAsync(string id, [Query] string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels the job if needed and deletes it with its rows and results.</summary>
    [Delete("/jobs/{id}")]
    Task DeleteAsync(string id, CancellationToken cancellationToken = default);
}
