using System.IO.Pipelines;
using System.Text;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// Generates a leads CSV with a distinct company per row, and per run (the tag), so the research cache never
/// flatters the figures — not even with companies left over from the warm-up job.
/// </summary>
/// <remarks>
/// The file is produced as it is read, through a pipe, so a million-row upload never sits in memory whole (it would
/// be ≈ 100 MB in the benchmark's process, and in the product's when it runs in process).
/// </remarks>
public static class LeadGenerator
{
    /// <summary>Rows encoded into the pipe at a time: about 100 KB.</summary>
    private const int RowsPerWrite = 1_000;

    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "José", "Zoë", "Wei", "Amara"];
    private static readonly string[] Titles = ["CTO", "VP Engineering", "Head of Data", "Founder", "Director of IT", ""];

    /// <summary>A readable stream of the file; generation stops early if the reader disposes of it.</summary>
    public static Stream Open(int rows, string runTag)
    {
        var pipe = new Pipe();
        _ = WriteAsync(pipe.Writer, rows, runTag);
        return pipe.Reader.AsStream();
    }

    private static async Task WriteAsync(PipeWriter writer, int rows, string runTag)
    {
        try
        {
            var text = new StringBuilder(RowsPerWrite * 100);
            text.Append("first_name,last_name,title,company,website\n");
            for (var i = 0; i < rows; i++)
            {
                text.Append(FirstNames[i % FirstNames.Length]).Append(',')
                    .Append("Lead").Append(i).Append(',')
                    .Append(Titles[i % Titles.Length]).Append(',')
                    .Append("\"Company ").Append(runTag).Append('-').Append(i).Append(", Ltd\",")
                    .Append("company-").Append(runTag).Append('-').Append(i).Append(".example\n");
                if ((i + 1) % RowsPerWrite == 0 && !await SendAsync(writer, text))
                {
                    break;
                }
            }

            await SendAsync(writer, text);
            await writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            // The reader sees the failure instead of a file that ends early.
            await writer.CompleteAsync(ex);
        }
    }

    /// <summary>Encodes and flushes the text; false once the reader has gone.</summary>
    private static async ValueTask<bool> SendAsync(PipeWriter writer, StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, writer);
        }

        text.Clear();
        var flushed = await writer.FlushAsync();
        return !flushed.IsCompleted;
    }
}
