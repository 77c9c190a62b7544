namespace PersonalizedLine.Grains.Webhooks;

/// <summary>Job webhooks: signing and delivery. Bound from the <c>Webhook</c> section and validated at start-up.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>
    /// The HMAC-SHA256 key every delivery is signed with, shared with the receivers. Unset, jobs cannot ask for a
    /// webhook: a delivery whose signature cannot be checked is not sent.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// Allow webhook URLs on loopback, private, link-local and unique-local addresses (and names resolving to them).
    /// Off by default, so a job cannot make the cluster call services inside its own network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>How long one delivery attempt may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per delivery before it is given up (a 4xx other than 408 and 429 gives up at once).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a secret is set, i.e. whether jobs may have webhooks.</summary>
    public bool HasSecret => !string.IsNullOrWhiteSpace(Secret);
}
