using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>A row offered to a shared request, once its research is done.</summary>
/// <param name="JobId">Rows share requests only with rows of the same job: one customer's leads never meet another's.</param>
/// <param name="Model">Model id.</param>
/// <param name="PromptTemplate">The job's prompt template, stated once per request.</param>
/// <param name="RowsPerRequest">The job's rows per request.</param>
/// <param name="RowNumber">The row's number, sent as its id.</param>
/// <param name="RowJson">The row as <see cref="SharedPromptBuilder.RowJson"/> wrote it.</param>
/// <param name="Company">The row's company, to refuse lines that name it for another row.</param>
/// <param name="PermitWaits">The row's budget, paused while the shared request waits for a rate-limit permit.</param>
public sealed record SharedRowEntry(
    string JobId,
    string Model,
    string PromptTemplate,
    int RowsPerRequest,
    long RowNumber,
    string RowJson,
    string? Company,
    IPermitWaitListener? PermitWaits);
