using System.Globalization;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The optional text parts of a job upload, with the names the API accepts.</summary>
public sealed class JobUploadForm
{
    public const string LimitField = "limit";

    public const string RowsPerRequestField = "rowsPerRequest";

    public const string ModeField = "mode";

    public const string WebhookUrlField = "webhookUrl";

    public const string SheetField = "sheet";

    public static readonly IReadOnlySet<string> FieldNames =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "prompt", "researchQuery", "model", "refreshResearch", LimitField, RowsPerRequestField, ModeField, WebhookUrlField, SheetField };

    public string? Prompt { get; set; }

    public string? ResearchQuery { get; set; }

    public string? Model { get; set; }

    /// <summary>Search every distinct query again instead of using cached research.</summary>
    public bool RefreshResearch { get; set; }
    /// <summary>The <c>limit</c> field as sent; see <see cref="RowLimit"/>.</summary>
    public string? Limit { get; set; }

    /// <summary>The <c>mode</c> field as sent; see <see cref="Mode"/>.</summary>
    public string? ModeText { get; set; }

    /// <summary>Where the job's outcome is POSTed, signed (checked by <c>WebhookUrlValidator</c> before the job is created).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>For an .xlsx upload, the sheet to read by name (null: the first).</summary>
    public string? Sheet { get; set; }

    /// <summary>The <c>rowsPerRequest</c> field as sent; see <see cref="RowsPerRequest"/>.</summary>
    public string? RowsPerRequestText { get; set; }

    public void Set(string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "prompt": Prompt = value; break;
            case "researchquery": ResearchQuery = value; break;
            case "model": Model = value; break;
            case "refreshresearch": RefreshResearch = ParseFlag(name, value); break;
            case LimitField: Limit = value; break;
            case "rowsperrequest": RowsPerRequestText = value; break;
            case ModeField: ModeText = value; break;
            case "webhookurl": WebhookUrl = value; break;
            case SheetField: Sheet = value; break;
        }
    }

    private static bool ParseFlag(string name, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" or "" => false,
        _ => throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid form field",
            $"'{name}' must be true or false, not '{value.Trim()}'.", name),
    };

    /// <summary>A preview's row count (null: the whole file).</summary>
    /// <exception cref="UploadRejectedException">The limit is not a whole number of at least 1.</exception>
    public long? RowLimit()
    {
        if (string.IsNullOrWhiteSpace(Limit))
        {
            return null;
        }

        if (!long.TryParse(Limit.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rows) || rows < 1)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Bad limit",
                $"'limit' must be a whole number of rows, at least 1 (got '{Limit}'). limit=N runs only the first N rows, as a preview; leave it out to run the whole file.", LimitField);
        }

        return rows;
    }

    /// <summary><c>online</c> or <c>batch</c> (null: <c>Llm__Mode</c>).</summary>
    /// <exception cref="UploadRejectedException">Neither.</exception>
    public JobMode? Mode() => ModeText?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "online" => JobMode.Online,
        "batch" => JobMode.Batch,
        _ => throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Bad mode",
            $"'mode' must be 'online' (chat completions, lines within minutes) or 'batch' (the provider's Batch API: half the price, lines within Llm__BatchCompletionWindow), not '{ModeText!.Trim()}'.", ModeField),
    };

    /// <summary>Rows sharing one LLM request (null: <c>Llm__RowsPerRequest</c>).</summary>
    /// <exception cref="UploadRejectedException">Not a whole number from 1 to 50.</exception>
    public int? RowsPerRequest()
    {
        if (string.IsNullOrWhiteSpace(RowsPerRequestText))
        {
            return null;
        }

        if (!int.TryParse(RowsPerRequestText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rows)
            || rows is < 1 or > LlmOptions.MaxRowsPerRequest)
        {
            throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Bad rowsPerRequest",
                $"'rowsPerRequest' must be a whole number from 1 to {LlmOptions.MaxRowsPerRequest} (got '{RowsPerRequestText}'): how many rows share one LLM request. Leave it out for the server's default (Llm__RowsPerRequest).", RowsPerRequestField);
        }

        return rows;
    }
}
