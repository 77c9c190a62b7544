namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// A problem with an uploaded CSV that the person who uploaded it can fix. The message is shown to
/// them as is, so it names the line, says what is wrong and what to do about it.
/// </summary>
public sealed class CsvInputException : Exception
{
    public CsvInputException(CsvProblemKind kind, string message, long? lineNumber = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        LineNumber = lineNumber;
    }

    public CsvProblemKind Kind { get; }

    /// <summary>The 1-based physical line of the file the problem is on, when it is tied to one.</summary>
    public long? LineNumber { get; }
}
