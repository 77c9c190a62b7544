namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The optional text parts of a job upload, with the names the API accepts.</summary>
public sealed class JobUploadForm
{
    public static readonly IReadOnlySet<string> FieldNames =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "prompt", "researchQuery", "model", "refreshResearch" };

    public string? Prompt { get; set; }

    public string? ResearchQuery { get; set; }

    public string? Model { get; set; }

    /// <summary>Search every distinct query again instead of using cached research.</summary>
    public bool RefreshResearch { get; set; }

    public void Set(string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "prompt": Prompt = value; break;
            case "researchquery": ResearchQuery = value; break;
            case "model": Model = value; break;
            case "refreshresearch": RefreshResearch = ParseFlag(name, value); break;
        }
    }

    private static bool ParseFlag(string name, string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" or "" => false,
        _ => throw new UploadRejectedException(StatusCodes.Status400BadRequest, "Invalid form field",
            $"'{name}' must be true or false, not '{value.Trim()}'."),
    };
}
