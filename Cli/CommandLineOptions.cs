namespace PersonalizedLine.Cli;

/// <summary>The command line: an input CSV and optional overrides. Kept by hand: six options need no framework.</summary>
public sealed record CommandLineOptions(
    string InputPath, string OutputPath, string? Prompt, string? ResearchQuery, string? Model, bool RefreshResearch = false)
{
    public const string Usage = """
        Usage: personalizedline <leads.csv> [--output <file>] [--prompt <text|@file>] [--research-query <text>] [--model <id>] [--refresh-research]

        Researches each lead's company and writes one personalized opening line per row.
        The output keeps every input column and row, in order, and adds personalized_line,
        personalization_status and personalization_error. Default output: <input>.personalized.csv
        Research is cached per distinct query for Research__CacheTtl (7 days); --refresh-research searches again.

        Providers: set SERPER_API_KEY and GROQ_API_KEY (or Research__ApiKey / Llm__ApiKey, Llm__BaseUrl
        for any OpenAI-compatible API). Without keys, built-in OFFLINE providers write placeholder lines.
        """;

    /// <summary>Parses the arguments, or returns the reason they are unusable.</summary>
    public static (CommandLineOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? input = null, output = null, prompt = null, research = null, model = null;
        var refreshResearch = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? NextValue() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "-h" or "--help":
                    return (null, null);
                case "-o" or "--output":
                    output = NextValue() ?? string.Empty;
                    break;
                case "--prompt":
                    prompt = NextValue() ?? string.Empty;
                    break;
                case "--research-query":
                    research = NextValue() ?? string.Empty;
                    break;
                case "--model":
                    model = NextValue() ?? string.Empty;
                    break;
                case "--refresh-research":
                    refreshResearch = true;
                    break;
                default:
                    if (arg.StartsWith('-') || input is not null)
                    {
                        return (null, $"Unexpected argument '{arg}'.");
                    }

                    input = arg;
                    break;
            }
        }

        if (input is null)
        {
            return (null, "Name the CSV to process.");
        }

        if (output is "" || prompt is "" || research is "" || model is "")
        {
            return (null, "An option is missing its value.");
        }

        output ??= Path.Combine(Path.GetDirectoryName(input) ?? ".", Path.GetFileNameWithoutExtension(input) + ".personalized.csv");
        return (new CommandLineOptions(input, output, prompt, research, model, refreshResearch), null);
    }
}
