using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Turns a chunk's rows into row requests with the job's templates, or into an immediate failure.</summary>
public sealed class ChunkRowRenderer
{
    private readonly TemplateBinding _research;
    private readonly TemplateBinding _prompt;
    private readonly string _model;
    private readonly DateTimeOffset? _refreshResearchSince;
    private readonly string _promptTemplate;
    private readonly int _rowsPerRequest;

    public ChunkRowRenderer(JobSpec spec)
    {
        // Both templates were validated against these headers at submit, so binding cannot fail here.
        _research = LeadTemplate.Parse(spec.ResearchQueryTemplate, "research query template").Bind(spec.Headers);
        _prompt = LeadTemplate.Parse(spec.PromptTemplate, "prompt template").Bind(spec.Headers);
        _model = spec.Model;
        _refreshResearchSince = spec.RefreshResearchSince;
        _promptTemplate = spec.PromptTemplate;
        _rowsPerRequest = spec.RowsPerRequest;
    }

    /// <summary>The request for a row, or the failure that makes a request pointless.</summary>
    public (RowRequest? Request, RowResult? Failure) Render(string chunkKey, long rowNumber, ChunkRow row)
    {
        if (row.Problem is not null)
        {
            return (null, RowResult.Failed(row.Problem));
        }

        var empty = _research.EmptyRequired(row.Cells).Union(_prompt.EmptyRequired(row.Cells)).ToList();
        if (empty.Count > 0)
        {
            var verb = empty.Count == 1 ? "is" : "are";
            return (null, RowResult.Failed(
                $"Line {row.LineNumber}: {string.Join(", ", empty)} {verb} empty, and the templates need {(empty.Count == 1 ? "it" : "them")}."));
        }

        var lead = new Dictionary<string, string>(_research.LeadFields(row.Cells), StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _prompt.LeadFields(row.Cells))
        {
            lead[name] = value;
        }

        var request = new RowRequest(chunkKey, rowNumber, _research.Render(row.Cells), _prompt.Render(row.Cells), lead, _model, _refreshResearchSince,
            _promptTemplate, _rowsPerRequest);
        return (request, null);
    }
}
