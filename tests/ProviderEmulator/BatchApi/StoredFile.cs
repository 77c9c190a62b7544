namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>One file held by the emulated Files API: uploaded batch input, or a batch's output or error file.</summary>
/// <param name="Sequence">Order of creation, for newest-first listings (<c>created_at</c> has only whole seconds).</param>
/// <param name="CreatedAt">Unix seconds.</param>
internal sealed record StoredFile(string Id, long Sequence, string Filename, string Purpose, byte[] Content, long CreatedAt)
{
    public const string BatchPurpose = "batch";
    public const string BatchOutputPurpose = "batch_output";
}
