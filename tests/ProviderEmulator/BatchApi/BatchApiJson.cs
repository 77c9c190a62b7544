using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator.BatchApi;

/// <summary>The file and batch objects of OpenAI's Files and Batches API.</summary>
internal static class BatchApiJson
{
    /// <summary><c>{"id":"file-…","object":"file","bytes":N,"created_at":unix,"filename":"…","purpose":"batch"}</c>.</summary>
    public static void WriteFile(Utf8JsonWriter w, StoredFile file)
    {
        w.WriteStartObject();
        w.WriteString("id", file.Id);
        w.WriteString("object", "file");
        w.WriteNumber("bytes", file.Content.Length);
        w.WriteNumber("created_at", file.CreatedAt);
        w.WriteString("filename", file.Filename);
        w.WriteString("purpose", file.Purpose);
        w.WriteEndObject();
    }

    public static void WriteBatch(Utf8JsonWriter w, BatchSnapshot batch)
    {
        w.WriteStartObject();
        w.WriteString("id", batch.Id);
        w.WriteString("object", "batch");
        w.WriteString("endpoint", batch.Endpoint);
        WriteErrors(w, batch.Errors);
        w.WriteString("input_file_id", batch.InputFileId);
        w.WriteString("completion_window", batch.CompletionWindow);
        w.WriteString("status", BatchStatusNames.Of(batch.Status));
        WriteNullable(w, "output_file_id", batch.OutputFileId);
        WriteNullable(w, "error_file_id", batch.ErrorFileId);
        w.WriteNumber("created_at", batch.CreatedAt);
        WriteNullable(w, "in_progress_at", batch.InProgressAt);
        w.WriteNumber("expires_at", batch.ExpiresAt);
        WriteNullable(w, "finalizing_at", batch.FinalizingAt);
        WriteNullable(w, "completed_at", batch.CompletedAt);
        WriteNullable(w, "failed_at", batch.FailedAt);
        WriteNullable(w, "expired_at", batch.ExpiredAt);
        WriteNullable(w, "cancelling_at", batch.CancellingAt);
        WriteNullable(w, "cancelled_at", batch.CancelledAt);
        w.WriteStartObject("request_counts");
        w.WriteNumber("total", batch.Total);
        w.WriteNumber("completed", batch.Completed);
        w.WriteNumber("failed", batch.Failed);
        w.WriteEndObject();
        if (batch.Metadata is null)
        {
            w.WriteNull("metadata");
        }
        else
        {
            w.WriteStartObject("metadata");
            foreach (var (key, value) in batch.Metadata)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary><c>{"object":"list","data":[…],"first_id":…,"last_id":…,"has_more":…}</c>.</summary>
    public static void WriteList<T>(Utf8JsonWriter w, IReadOnlyList<T> items, Func<T, string> id, bool hasMore, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
        WriteNullable(w, "first_id", items.Count > 0 ? id(items[0]) : null);
        WriteNullable(w, "last_id", items.Count > 0 ? id(items[^1]) : null);
        w.WriteBoolean("has_more", hasMore);
        w.WriteEndObject();
    }

    // OpenAI: {"object":"list","data":[{"code":…,"message":…,"param":null,"line":N}]}.
    private static void WriteErrors(Utf8JsonWriter w, IReadOnlyList<BatchError>? errors)
    {
        if (errors is null)
        {
            w.WriteNull("errors");
            return;
        }

        w.WriteStartObject("errors");
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        foreach (var error in errors)
        {
            w.WriteStartObject();
            w.WriteString("code", error.Code);
            w.WriteString("message", error.Message);
            w.WriteNull("param");
            WriteNullable(w, "line", error.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, long? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteNumber(name, value.Value);
        }
    }
}
