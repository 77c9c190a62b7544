namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The optional text parts of a job upload, with the names the API accepts.</summary>
public sealed class JobUploadForm
{
    public static readonly IReadOnlySet<string> FieldNames =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "prompt", "researchQuery", "model" };

    public string? Prompt { get; set; }

    public string? ResearchQuery { get; set; }

    public string? Model { get; set; }

    public void Set(string name, string value)
    {
        switch (name.ToLowerInvariant())
        {
            case "prompt": Prompt = value; break;
            case "researchquery": ResearchQuery = value; break;
            case "model": Model = value; break;
        }
    }
}
