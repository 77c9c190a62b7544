using System.Globalization;

namespace PersonalizedLine.Cli.Remote;

/// <summary>
/// The client mode's command line: <c>--server URL</c> (with <c>--api-key</c> or <c>PERSONALIZEDLINE_API_KEY</c>) and
/// either a file to submit, with the embedded mode's job options, or a <c>jobs …</c> verb.
/// </summary>
/// <param name="Server">The API's address.</param>
/// <param name="ApiKey">Sent as a bearer token; null sends none.</param>
/// <param name="CancelOnExit">Ctrl+C cancels the job instead of leaving it running.</param>
/// <param name="Submit">The file and job options, when submitting.</param>
/// <param name="Jobs">The verb, when not submitting.</param>
public sealed record RemoteCommandLine(Uri Server, string? ApiKey, bool CancelOnExit, CommandLineOptions? Submit, JobsCommand? Jobs)
{
    public const string ApiKeyVariable = "PERSONALIZEDLINE_API_KEY";

    public const string Usage = """

        Client mode, against a running API (the same job options as above):
          personalizedline --server <url> [--api-key <key>] <leads.csv> [--output <file>] [--cancel-on-exit] [job options]
          personalizedline --server <url> jobs list [--limit <n>]
          personalizedline --server <url> jobs status|cancel|resume <id>
          personalizedline --server <url> jobs retry <id> [--transient]
          personalizedline --server <url> jobs download <id> [--output <file>] [--partial]

        The key may come from PERSONALIZEDLINE_API_KEY instead of --api-key. Ctrl+C while a job runs detaches: the job
        goes on on the server (follow it with jobs status, fetch it with jobs download); --cancel-on-exit cancels it.
        """;

    /// <summary>True when the arguments ask for the client mode (a server, or a jobs verb).</summary>
    public static bool Applies(IReadOnlyList<string> args) => args.Contains("--server") || args is ["jobs", ..];

    public static (RemoteCommandLine? Command, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        string? server = null, apiKey = null;
        var cancelOnExit = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--server":
                    server = i + 1 < args.Count ? args[++i] : string.Empty;
                    break;
                case "--api-key":
                    apiKey = i + 1 < args.Count ? args[++i] : string.Empty;
                    break;
                case "--cancel-on-exit":
                    cancelOnExit = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (server is null)
        {
            return (null, "jobs commands talk to a running server: add --server <url>, e.g. --server http://localhost:5000.");
        }

        if (!Uri.TryCreate(server, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return (null, $"--server must be the API's http or https address, e.g. http://localhost:5000 (got '{server}').");
        }

        if (apiKey is "")
        {
            return (null, "--api-key is missing its value.");
        }

        apiKey ??= environment(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        if (rest is ["jobs", .. var verb])
        {
            var (jobs, error) = ParseJobs(verb);
            return jobs is null ? (null, error) : (new RemoteCommandLine(url, apiKey, cancelOnExit, null, jobs), null);
        }

        var (submit, submitError) = CommandLineOptions.Parse(rest);
        return submit is null ? (null, submitError) : (new RemoteCommandLine(url, apiKey, cancelOnExit, submit, null), null);
    }

    private static (JobsCommand? Jobs, string? Error) ParseJobs(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !JobsCommand.Verbs.Contains(args[0]))
        {
            return (null, $"jobs needs one of: {string.Join(", ", JobsCommand.Verbs)}.");
        }

        string? id = null, output = null, limit = null;
        bool transient = false, partial = false;
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output":
                    output = i + 1 < args.Count ? args[++i] : string.Empty;
                    break;
                case "--limit":
                    limit = i + 1 < args.Count ? args[++i] : string.Empty;
                    break;
                case "--transient":
                    transient = true;
                    break;
                case "--partial":
                    partial = true;
                    break;
                default:
                    if (args[i].StartsWith('-') || id is not null)
                    {
                        return (null, $"Unexpected argument '{args[i]}'.");
                    }

                    id = args[i];
                    break;
            }
        }

        var verb = args[0];
        if (verb == "list" ? id is not null : id is null)
        {
            return (null, verb == "list" ? "jobs list takes no job id." : $"jobs {verb} needs the job's id.");
        }

        if (output is "" || limit is "")
        {
            return (null, "An option is missing its value.");
        }

        var misplaced = transient && verb != "retry" ? "--transient"
            : partial && verb != "download" ? "--partial"
            : output is not null && verb != "download" ? "--output"
            : limit is not null && verb != "list" ? "--limit"
            : null;
        if (misplaced is not null)
        {
            return (null, $"{misplaced} does not apply to jobs {verb}.");
        }

        int? take = null;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100)
            {
                return (null, $"--limit must be a whole number from 1 to 100 (got '{limit}').");
            }

            take = n;
        }

        return (new JobsCommand(verb, id, output, transient, partial, take), null);
    }
}
