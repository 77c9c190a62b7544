namespace PersonalizedLine.Grains.Submission;

/// <summary>Limits on what a user may upload. Bound from the <c>Upload</c> section and validated at start-up.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>Largest accepted file; bigger uploads get 413. 512 MiB holds a million typical lead rows.</summary>
    public long MaxFileBytes { get; set; } = 512L * 1024 * 1024;

    public long MaxRows { get; set; } = 1_000_000;

    public int MaxFieldChars { get; set; } = 100_000;

    public int MaxColumns { get; set; } = 500;

    /// <summary>Rows handed to the job grain per call while uploading.</summary>
    public int BatchRows { get; set; } = 500;
}
