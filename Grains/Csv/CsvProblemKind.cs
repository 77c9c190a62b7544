namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// What kind of problem an uploaded file has. Each kind maps to one HTTP status so the API layer
/// does not have to guess from message text.
/// </summary>
public enum CsvProblemKind
{
    /// <summary>The file is text but not usable CSV (HTTP 400).</summary>
    Malformed,

    /// <summary>The file is not CSV text at all, e.g. an Excel workbook (HTTP 415).</summary>
    UnsupportedMediaType,

    /// <summary>The file exceeds a configured limit (HTTP 413).</summary>
    TooLarge,

    /// <summary>A workbook without the sheet asked for (HTTP 400, against the sheet field rather than the file).</summary>
    UnknownSheet,
}
