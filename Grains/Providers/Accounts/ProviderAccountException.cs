using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The provider refused the account, not the request: a bad or revoked key, no credit, or a quota that resets hours
/// from now. Never retried (every retry would meet the same answer); a row that meets it halts instead of failing,
/// and its job pauses with <see cref="Problem"/>'s message. A caller that knows only <see cref="ProviderCallException"/>
/// still gets a failure with a message a person can act on.
/// </summary>
public sealed class ProviderAccountException : ProviderCallException
{
    public ProviderAccountException(AccountProblem problem, Exception? innerException = null)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).Message, innerException)
    {
        Problem = problem;
    }

    public AccountProblem Problem { get; }

    /// <summary>The account exception <paramref name="exception"/> is or wraps (HTTP clients may wrap what a handler threw).</summary>
    public static ProviderAccountException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ProviderAccountException account)
            {
                return account;
            }
        }

        return null;
    }
}
