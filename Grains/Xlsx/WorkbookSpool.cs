namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// A workbook is a ZIP archive, whose directory is at its end: it cannot be read as it streams in. An upload is
/// copied to a temporary file (deleted when closed), never into memory; a file that can seek (the command line's)
/// is read in place.
/// </summary>
internal static class WorkbookSpool
{
    /// <param name="prefix">The bytes already read from <paramref name="input"/>.</param>
    /// <param name="input">The rest of the upload, or the whole file when it can seek.</param>
    /// <param name="ct">Cancels the copy.</param>
    /// <returns>A seekable stream positioned at the start of the workbook, and whether the caller owns it.</returns>
    public static async Task<(Stream Workbook, bool Owned)> OpenAsync(ReadOnlyMemory<byte> prefix, Stream input, CancellationToken ct)
    {
        if (input.CanSeek && input.Position == prefix.Length)
        {
            input.Position = 0;
            return (input, false);
        }

        var path = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.xlsx");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await file.WriteAsync(prefix, ct).ConfigureAwait(false);
            await input.CopyToAsync(file, ct).ConfigureAwait(false);
            file.Position = 0;
            return (file, true);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
