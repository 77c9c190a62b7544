using System.Runtime.CompilerServices;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// An uploaded file (CSV or .xlsx) opened for a job: header read and checked against the templates, the job's spec decided, the
/// rows still streaming. The one way in for submitting, previewing and estimating, so they accept and reject exactly
/// the same files with the same messages.
/// </summary>
public sealed class JobFile : IAsyncDisposable
{
    private readonly ILeadFileReader _reader;

    private JobFile(ILeadFileReader reader, JobSpec spec)
    {
        _reader = reader;
        Spec = spec;
    }

    /// <summary>What the job will run with: headers, separator, templates (defaults filled in), model, row limit.</summary>
    public JobSpec Spec { get; }

    /// <summary>What was read leniently (encoding, bare quotes, unnamed columns, the sheet); complete once the rows were read.</summary>
    public IReadOnlyList<string> Warnings => _reader.Warnings;

    /// <summary>Reads the header and checks the templates against it; nothing is created, no provider is called.</summary>
    /// <exception cref="CsvInputException">The file is empty, binary, not valid text, or its header is unusable.</exception>
    /// <exception cref="JobRejectedException">A template does not parse or names a column the file lacks.</exception>
    public static async Task<JobFile> OpenAsync(
        Stream csv, JobRequest request, UploadOptions limits, LlmOptions llm, CancellationToken cancellationToken, DateTimeOffset? submittedAt = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(llm);
        if (request.RowLimit is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.RowLimit, "A row limit must be at least 1.");
        }

        if (request.RowsPerRequest is < 1 or > LlmOptions.MaxRowsPerRequest)
        {
            var problem = $"rowsPerRequest must be between 1 and {LlmOptions.MaxRowsPerRequest} (got {request.RowsPerRequest}): the rows that share one LLM request.";
            throw new JobRejectedException([problem], "Bad rowsPerRequest")
            {
                FieldErrors = new Dictionary<string, string[]> { ["rowsPerRequest"] = [problem] },
            };
        }

        var reader = await LeadFileReader.OpenAsync(csv, new CsvReadLimits
        {
            MaxRows = limits.MaxRows,
            MaxColumns = limits.MaxColumns,
            MaxFieldChars = limits.MaxFieldChars,
        }, request.Sheet, cancellationToken);
        try
        {
            var spec = new JobSpec(
                request.FileName,
                reader.Headers.ToArray(),
                reader.Delimiter,
                NullIfBlank(request.ResearchQueryTemplate) ?? DefaultTemplates.ResearchQuery,
                NullIfBlank(request.PromptTemplate) ?? DefaultTemplates.Prompt,
                NullIfBlank(request.Model) ?? llm.Model,
                request.RefreshResearch ? submittedAt ?? DateTimeOffset.UtcNow : null,
                request.RowLimit,
                request.RowsPerRequest ?? llm.RowsPerRequest,
                request.Mode ?? llm.Mode,
                NullIfBlank(request.WebhookUrl)?.Trim());

            var problems = JobTemplates.Validate(spec.ResearchQueryTemplate, spec.PromptTemplate, spec.Headers);
            if (problems.Count > 0)
            {
                throw new JobRejectedException(problems.Select(problem => problem.Message).ToList())
                {
                    FieldErrors = TemplateFieldErrors.For(problems, request),
                };
            }

            return new JobFile(reader, spec);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }
    }

    /// <summary>The data rows in file order; for a preview only the first <see cref="JobSpec.RowLimit"/>, the rest is never read.</summary>
    public async IAsyncEnumerable<LeadCsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long taken = 0;
        await foreach (var row in _reader.ReadRowsAsync(cancellationToken))
        {
            yield return row;
            if (++taken == Spec.RowLimit)
            {
                yield break;
            }
        }
    }

    public ValueTask DisposeAsync() => _reader.DisposeAsync();

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
