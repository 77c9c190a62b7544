namespace PersonalizedLine.Grains.Interfaces.JobIndex;

/// <summary>
/// Tenant names. An API key names its tenant; with authentication off (<c>Auth__Mode=None</c>) every job belongs to
/// <see cref="Default"/>.
/// </summary>
public static class Tenants
{
    public const string Default = "default";

    public const int MaxNameLength = 40;

    /// <summary>The rule a tenant name follows, for messages.</summary>
    public const string NameRule = "1-40 characters: lower-case letters, digits and '-'";

    /// <summary>
    /// Tenant names are short lower-case slugs: they become part of grain keys (see <c>JobKeys</c>) and of the daily
    /// row counter's key, so they may not contain the separators those keys use.
    /// </summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
