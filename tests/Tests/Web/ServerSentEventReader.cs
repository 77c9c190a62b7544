using System.Runtime.CompilerServices;
using System.Text;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// Reads a text/event-stream as a client would, item by item, so a test sees events as they arrive and sees the
/// stream end. Written here rather than taken from the product, so the test does not share the product's mistakes.
/// </summary>
public static class ServerSentEventReader
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? type = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(type ?? "message", data.ToString(), null);
                }

                type = null;
                data.Clear();
                hasData = false;
            }
            else if (line.StartsWith(':'))
            {
                yield return new ServerSentEvent(null, null, line[1..].Trim());
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                type = line["event:".Length..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(line["data:".Length..].TrimStart(' '));
                hasData = true;
            }
        }
    }
}
