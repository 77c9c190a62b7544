using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// A job grain's key is its tenant and its public id together, so a caller can only ever name a job of its own tenant:
/// every endpoint composes the key from the authenticated tenant and the id in the URL. The default tenant keeps the
/// bare id (jobs stored before tenants existed stay reachable). Everything derived from the job (chunks, rows, the
/// provider batch, the webhook) is keyed by this composed key, so it is tenant-scoped too.
/// </summary>
public static class JobKeys
{
    /// <summary>Between tenant and id. Neither a tenant name nor a public id may contain it, and chunk keys use '/'.</summary>
    public const char Separator = ':';

    /// <summary>The grain key of <paramref name="tenant"/>'s job <paramref name="publicId"/>; null when the id cannot be a job id.</summary>
    public static string? For(string tenant, string publicId)
    {
        if (!IsPublicId(publicId))
        {
            return null;
        }

        return tenant == Tenants.Default ? publicId : $"{tenant}{Separator}{publicId}";
    }

    /// <summary>The tenant a grain key belongs to.</summary>
    public static string TenantOf(string key)
    {
        var separator = key.IndexOf(Separator);
        return separator < 0 ? Tenants.Default : key[..separator];
    }

    /// <summary>The id users see (in URLs and answers) for a grain key.</summary>
    public static string PublicId(string key) => key[(key.IndexOf(Separator) + 1)..];

    /// <summary>The key as part of a file name: the separator is not allowed in file names everywhere (Windows).</summary>
    public static string ForFileName(string key) => key.Replace(Separator, '.');

    /// <summary>
    /// Whether <paramref name="id"/> may be a public job id: letters, digits, '-' and '_' only. In particular no
    /// separator, so the default tenant cannot name another tenant's key by sending it as an id.
    /// </summary>
    public static bool IsPublicId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
