namespace PersonalizedLine.Cli.Remote;

/// <summary>
/// Exit codes of the client mode. Those the embedded mode has mean the same here (bad input 2, paused 3, interrupted
/// 130); the others are about the server.
/// </summary>
public static class RemoteExitCodes
{
    public const int Usage = 1;

    /// <summary>The server refused the request (a bad file, an unknown job, not possible in the job's status).</summary>
    public const int BadInput = LeadFileRunner.ExitBadInput;

    /// <summary>The job paused (a provider refused the server's key, or a person paused it); it waits to be resumed.</summary>
    public const int Paused = LeadFileRunner.ExitPaused;

    /// <summary>The server could not be reached, refused the API key, or failed.</summary>
    public const int ServerUnavailable = 4;

    /// <summary>The job failed on the server (its upload was interrupted).</summary>
    public const int JobFailed = 5;

    /// <summary>Ctrl+C: the command detached from the job (or cancelled it with <c>--cancel-on-exit</c>).</summary>
    public const int Interrupted = LeadFileRunner.ExitCancelled;
}
