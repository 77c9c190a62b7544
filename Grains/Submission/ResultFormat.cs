namespace PersonalizedLine.Grains.Submission;

/// <summary>The file a job's result is written as.</summary>
public enum ResultFormat
{
    /// <summary>UTF-8 CSV with the upload's separator (the default).</summary>
    Csv,

    /// <summary>An Excel workbook (.xlsx) with one sheet.</summary>
    Xlsx,
}
