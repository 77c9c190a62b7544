namespace PersonalizedLine.Grains.Batches;

/// <summary>
/// One batch file and the provider batch made from it. Its chunks and name are persisted before the upload, its file
/// id right after, its batch id right after that: a restart at any point finds the file (by name) or the batch (by
/// input file) at the provider instead of uploading or starting it twice.
/// </summary>
[GenerateSerializer, Alias("provider-batch-part")]
public sealed class ProviderBatchPart
{
    [Id(0)]
    public int Round { get; set; }

    /// <summary>Position of its first chunk in the round's chunk list.</summary>
    [Id(1)]
    public int From { get; set; }

    /// <summary>Position after its last chunk.</summary>
    [Id(2)]
    public int To { get; set; }

    [Id(3)]
    public string FileName { get; set; } = string.Empty;

    [Id(4)]
    public int Requests { get; set; }

    [Id(5)]
    public long Bytes { get; set; }

    [Id(6)]
    public string? FileId { get; set; }

    [Id(7)]
    public string? BatchId { get; set; }

    /// <summary>The provider's status, as last polled.</summary>
    [Id(8)]
    public string Status { get; set; } = "writing";

    [Id(9)]
    public int Completed { get; set; }

    [Id(10)]
    public int Failed { get; set; }

    [Id(11)]
    public bool Delivered { get; set; }

    [Id(12)]
    public List<PartChunk> Chunks { get; set; } = [];

    /// <summary>The provider's reason when the whole batch failed.</summary>
    [Id(13)]
    public string? Error { get; set; }
}
