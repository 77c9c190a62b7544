using System.Text.Json;
using PersonalizedLine.Client.Sdk.Models;

namespace PersonalizedLine.Client.Sdk;

/// <summary>Turns an error answer into a <see cref="PersonalizedLineApiException"/>, reading its ProblemDetails when it has one.</summary>
public static class ProblemExceptionFactory
{
    private const int MaxPlainDetail = 500;

    /// <summary>Null for a success (Refit then reads the answer); the exception otherwise.</summary>
    public static async ValueTask<Exception?> CreateAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var text = response.Content is null ? string.Empty : await response.Content.ReadAsStringAsync();
        var problem = TryRead(text);
        var title = problem?.Title ?? response.ReasonPhrase ?? "HTTP error";
        var detail = problem is null ? Plain(text) : problem.Detail;
        return new PersonalizedLineApiException(response.StatusCode, title, detail, problem?.Errors);
    }

    private static ProblemDocument? TryRead(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, PersonalizedLineJsonContext.Default.ProblemDocument);
        }
        catch (JsonException)
        {
            // Not a problem document after all (a proxy's JSON page): its text is the detail.
            return null;
        }
    }

    private static string? Plain(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed.Length <= MaxPlainDetail ? trimmed : trimmed[..MaxPlainDetail] + "…";
    }
}
