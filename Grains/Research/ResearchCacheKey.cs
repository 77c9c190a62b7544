using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// The key of a research result: queries that differ only in case or spacing share one search, and a result is only
/// reused under the same search settings (country, language, results per query).
/// </summary>
public static class ResearchCacheKey
{
    /// <summary>Trimmed, whitespace runs collapsed to one space, lower-cased (invariant).</summary>
    public static string Normalize(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    /// <summary>SHA-256 (lower-case hex) of the normalized query and the search settings, for a grain key.</summary>
    public static string For(string query, ResearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = string.Join('|', Normalize(query), options.Country, options.Language,
            options.ResultsPerQuery.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
