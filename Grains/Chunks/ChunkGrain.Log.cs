using Microsoft.Extensions.Logging;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>The chunk's log messages.</summary>
public sealed partial class ChunkGrain
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not pause its job after a provider refused the key")]
    private static partial void LogPauseFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {RowNumber} reported to chunk {Chunk}, which does not hold it")]
    private static partial void LogForeignRow(ILogger logger, long rowNumber, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not write its results; it tries again on its next tick")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not report to its job; it tries again on its next tick")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Some rows of chunk {Chunk} could not be started; they are retried later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not stop its rows on every silo; their results are ignored when they come")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, string chunk);
}
