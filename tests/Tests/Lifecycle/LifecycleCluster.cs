using Orleans.Configuration;
using PersonalizedLine.Tests.Pipeline;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// Two silos whose jobs' lifecycle runs on test time: the job reminder ticks every second (the product's floor is a
/// minute), an upload stalls after 3 s, chunks are asked again every second. Retention stays long, so no test's job
/// vanishes under another test. Webhooks are signed with <see cref="WebhookSecret"/> and may go to loopback receivers.
/// </summary>
public sealed class LifecycleCluster() : ClusterFixture(silos: 2, maxConcurrentRowsPerSilo: 8, new Dictionary<string, string?>
{
    ["Processing:ResumeInterval"] = "00:00:01",
    ["Processing:PendingRowRetryInterval"] = "00:00:01",
    ["Jobs:UploadTimeout"] = UploadTimeout.ToString(),
    ["Llm:AccountFaultHold"] = "00:00:01",
    ["Webhook:Secret"] = WebhookSecret,
    ["Webhook:AllowPrivateNetworks"] = "true",
    ["Webhook:InitialBackoff"] = "00:00:01",
    ["Webhook:MaxBackoff"] = "00:00:02",
})
{
    public const string WebhookSecret = "whsec_lifecycle_0123456789";

    public static readonly TimeSpan UploadTimeout = TimeSpan.FromSeconds(3);

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
}
