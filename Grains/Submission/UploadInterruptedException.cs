namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// The cluster stopped answering during an upload for longer than the upload waits for it. Nothing of the upload is
/// kept (the half-made job is deleted, or its upload watchdog deletes it), so the message says to upload the file again.
/// </summary>
public sealed class UploadInterruptedException(string message, Exception innerException) : Exception(message, innerException);
