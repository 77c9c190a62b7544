namespace PersonalizedLine.Benchmark;

/// <summary>The last lines of a log file, for an error message: what a process said before things went wrong.</summary>
public static class LogTail
{
    /// <summary>Reads <paramref name="path"/> while its writer may still hold it open.</summary>
    public static string Read(string path, int lines)
    {
        if (!File.Exists(path))
        {
            return "(no log)";
        }

        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var tail = new Queue<string>(lines);
        while (reader.ReadLine() is { } line)
        {
            if (tail.Count == lines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return tail.Count == 0 ? "(nothing)" : string.Join('\n', tail);
    }
}
