using System.Globalization;

namespace PersonalizedLine.Cli;

/// <summary>The command line: an input CSV and optional overrides. Kept by hand: a handful of options need no framework.</summary>
/// <param name="InputPath">The CSV to process.</param>
/// <param name="OutputPath">Where the output CSV goes.</param>
/// <param name="Prompt">Prompt template, or @file to read it from.</param>
/// <param name="ResearchQuery">Research query template.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RefreshResearch">Search every distinct query again instead of using cached research.</param>
/// <param name="Estimate">Only print what the file would cost; process nothing.</param>
/// <param name="Limit">A preview: process only the first this many rows.</param>
/// <param name="RowsPerRequest">Rows sharing one LLM request; null for <c>Llm__RowsPerRequest</c>.</param>
/// <param name="Batch">Send the LLM work through the provider's Batch API (null: <c>Llm__Mode</c>).</param>
/// <param name="Sheet">For an .xlsx input, the sheet to read (null: the first).</param>
public sealed record CommandLineOptions(
    string InputPath, string OutputPath, string? Prompt, string? ResearchQuery, string? Model,
    bool RefreshResearch = false, bool Estimate = false, long? Limit = null, int? RowsPerRequest = null, bool Batch = false,
    string? Sheet = null)
{
    /// <summary>The output is a workbook when its name ends with .xlsx, else a CSV.</summary>
    public bool WritesXlsx => OutputPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    private const int MaxRowsPerRequest = Grains.Providers.LlmOptions.MaxRowsPerRequest;

    public const string Usage = """
        Usage: personalizedline <leads.csv|leads.xlsx> [--output <file>] [--sheet <name>] [--prompt <text|@file>] [--research-query <text>] [--model <id>]
                                            [--refresh-research] [--limit <rows>] [--rows-per-request <n>] [--batch] [--estimate]

        Researches each lead's company and writes one personalized opening line per row.
        The output keeps every input column and row, in order, and adds personalized_line,
        personalization_status and personalization_error. Default output: <input>.personalized.csv
        (.xlsx for an .xlsx input); an --output name ending in .xlsx writes an Excel workbook.
        CSV input may be UTF-8, UTF-16 with a byte order mark or Windows-1252; an .xlsx is read from
        its first sheet, or from --sheet <name>.
        Research is cached per distinct query for Research__CacheTtl (7 days); --refresh-research searches again.

        --estimate      print what the file would cost (searches, LLM requests, tokens, time at the
                        configured limits, money at the Pricing__ prices) and exit without processing.
        --limit <rows>  a preview: process only the first <rows> rows, to judge the lines first.
        --rows-per-request <n>
                        let up to <n> rows (1-50) share one LLM request: n times fewer requests, for
                        plans limited in requests per minute. Default Llm__RowsPerRequest (1).
        --batch         send the LLM work through the provider's Batch API: half the price, lines
                        within Llm__BatchCompletionWindow (24h); the command waits, and can be stopped
                        and run again against a cluster without losing the batch.

        API keys for the HTTP API: personalizedline keys create|list|revoke (personalizedline keys --help).

        Providers: set SERPER_API_KEY and GROQ_API_KEY (or Research__ApiKey / Llm__ApiKey, Llm__BaseUrl
        for any OpenAI-compatible API). Without keys, built-in OFFLINE providers write placeholder lines.

        With --server <url>, the same command runs against a running API instead (see --server <url> --help).
        """;

    /// <summary>Parses the arguments, or returns the reason they are unusable.</summary>
    public static (CommandLineOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? input = null, output = null, prompt = null, research = null, model = null, limit = null, rowsPerRequest = null, sheet = null;
        var refreshResearch = false;
        var estimate = false;
        var batch = false;
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
                case "--limit":
                    limit = NextValue() ?? string.Empty;
                    break;
                case "--rows-per-request":
                    rowsPerRequest = NextValue() ?? string.Empty;
                    break;
                case "--sheet":
                    sheet = NextValue() ?? string.Empty;
                    break;
                case "--batch":
                    batch = true;
                    break;
                case "--estimate":
                    estimate = true;
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

        if (output is "" || prompt is "" || research is "" || model is "" || limit is "" || rowsPerRequest is "" || sheet is "")
        {
            return (null, "An option is missing its value.");
        }

        long? rowLimit = null;
        if (limit is not null)
        {
            if (!long.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1)
            {
                return (null, $"--limit must be a whole number of rows, at least 1 (got '{limit}').");
            }

            rowLimit = rows;
        }

        int? perRequest = null;
        if (rowsPerRequest is not null)
        {
            if (!int.TryParse(rowsPerRequest, NumberStyles.None, CultureInfo.InvariantCulture, out var shared) || shared is < 1 or > MaxRowsPerRequest)
            {
                return (null, $"--rows-per-request must be a whole number from 1 to {MaxRowsPerRequest} (got '{rowsPerRequest}').");
            }

            perRequest = shared;
        }

        var extension = input.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ".xlsx" : ".csv";
        output ??= Path.Combine(Path.GetDirectoryName(input) ?? ".", Path.GetFileNameWithoutExtension(input) + ".personalized" + extension);
        return (new CommandLineOptions(input, output, prompt, research, model, refreshResearch, estimate, rowLimit, perRequest, batch, sheet), null);
    }
}
