using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>Benchmark parameters from the command line.</summary>
public sealed record BenchmarkSettings(int Rows, int ResearchLatencyMs, int LlmLatencyMs, int RowsInFlight, int ChunkSize, int WarmupRows)
{
    public const string Usage =
        "Usage: dotnet run -c Release --project Benchmark -- [--rows 10000] [--research-ms 1000] [--llm-ms 2000] [--in-flight 1000] [--chunk-size 100] [--warmup-rows 2000]";

    public static BenchmarkSettings Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, int>
        {
            ["--rows"] = 10_000,
            ["--research-ms"] = 1_000,
            ["--llm-ms"] = 2_000,
            ["--in-flight"] = 1_000,
            ["--chunk-size"] = 100,
            ["--warmup-rows"] = 2_000,
        };
        for (var i = 0; i < args.Count; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Count
                || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'. {Usage}");
            }

            values[args[i]] = value;
            i++;
        }

        return new BenchmarkSettings(values["--rows"], values["--research-ms"], values["--llm-ms"], values["--in-flight"], values["--chunk-size"], values["--warmup-rows"]);
    }

    /// <summary>Rows per second if every slot were busy all the time: rows in flight ÷ per-row latency.</summary>
    public double IdealRowsPerSecond =>
        ResearchLatencyMs + LlmLatencyMs == 0 ? double.NaN : RowsInFlight / ((ResearchLatencyMs + LlmLatencyMs) / 1000.0);
}
