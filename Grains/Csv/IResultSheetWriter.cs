namespace PersonalizedLine.Grains.Csv;

/// <summary>Where a job's output rows go, in order: a CSV (<see cref="LeadCsvWriter"/>) or a workbook (<c>Xlsx.LeadXlsxWriter</c>).</summary>
public interface IResultSheetWriter : IAsyncDisposable
{
    /// <summary>The input header as given, then the generated column names (<see cref="OutputColumns.For"/>).</summary>
    ValueTask WriteHeaderAsync(IReadOnlyList<string> headers, CancellationToken ct);

    /// <summary>One row: the input cells unchanged, then the generated line, status and error.</summary>
    ValueTask WriteRowAsync(IReadOnlyList<string> inputCells, string line, string status, string error, CancellationToken ct);

    /// <summary>Sends what is buffered on, e.g. so a client sees progress.</summary>
    ValueTask FlushAsync(CancellationToken ct);
}
