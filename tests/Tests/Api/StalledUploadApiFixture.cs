namespace PersonalizedLine.Tests.Api;

/// <summary>
/// The API with an embedded silo whose upload watchdog runs on test time: an upload that sends no rows for 3 s is
/// interrupted, and the job's reminder ticks every second (the silo lowers Orleans' reminder floor to
/// Processing__ResumeInterval).
/// </summary>
public sealed class StalledUploadApiFixture() : ApiHostFixture(maxConcurrentRowsPerSilo: 50)
{
    public static readonly TimeSpan UploadTimeout = TimeSpan.FromSeconds(3);

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Jobs:UploadTimeout"] = UploadTimeout.ToString();
        settings["Processing:ResumeInterval"] = "00:00:01";
        settings["Processing:PendingRowRetryInterval"] = "00:00:01";
    }
}

[CollectionDefinition(Name)]
public sealed class StalledUploadApiCollection : ICollectionFixture<StalledUploadApiFixture>
{
    public const string Name = "API with a 3 s upload watchdog";
}
