using System.Net;
using PersonalizedLine.Client.Sdk;
using Polly.Timeout;
using Refit;
using Spectre.Console;

namespace PersonalizedLine.Cli.Remote;

/// <summary>Says what went wrong between this command and the server in words a person can act on, and picks the exit code.</summary>
public static class ServerProblems
{
    public const string NeedsApiKey = "the server needs an API key: --api-key or PERSONALIZEDLINE_API_KEY";

    /// <summary>The exit code for a failure this class explains (after printing it), or null for any other exception.</summary>
    public static int? Explain(Exception exception, Uri server, bool sentKey) => exception switch
    {
        PersonalizedLineApiException { StatusCode: HttpStatusCode.Unauthorized } =>
            Print(sentKey ? $"{NeedsApiKey} (the key given was refused)" : NeedsApiKey, RemoteExitCodes.ServerUnavailable),
        PersonalizedLineApiException { StatusCode: HttpStatusCode.Forbidden } refused =>
            Print($"The server refused: {Describe(refused)}", RemoteExitCodes.ServerUnavailable),
        PersonalizedLineApiException { StatusCode: >= HttpStatusCode.InternalServerError } failed =>
            Print($"The server at {server} failed: {Describe(failed)}", RemoteExitCodes.ServerUnavailable),
        PersonalizedLineApiException refused => Print(Describe(refused), RemoteExitCodes.BadInput),
        ApiRequestException or HttpRequestException or TimeoutRejectedException =>
            Print($"Cannot reach the server at {server}: {Innermost(exception).Message.TrimEnd('.')}. Is the API running there (dotnet run --project Client.Api)?",
                RemoteExitCodes.ServerUnavailable),
        _ => null,
    };

    private static string Describe(PersonalizedLineApiException problem) =>
        problem.Detail is null ? problem.Title : $"{problem.Title}: {problem.Detail}";

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is { } inner ? Innermost(inner) : exception;

    private static int Print(string message, int exitCode)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]{message}[/]");
        return exitCode;
    }
}
