using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// The key of a research cache entry: the normalized query plus the search settings that change the answer,
/// hashed (SHA-256, lower-case hex) so that keys are short and safe for any storage, however long the query.
/// Two rows share research exactly when their keys are equal, so an estimate of distinct (or already cached)
/// queries must use this too.
/// </summary>
public static class ResearchCacheKey
{
    /// <summary>Bumped when the stored research changes shape, so old entries are simply no longer found.</summary>
    private const string Version = "v1";

    /// <summary>
    /// How many <see cref="Interfaces.Research.IResearchCacheShardGrain"/>s share the entries: enough that lookups
    /// spread over every silo and core, few enough that each stays busy and in memory.
    /// </summary>
    public const int Shards = 64;

    /// <summary>The shard that holds the entry <paramref name="key"/> (a key from <see cref="For(string, ResearchOptions)"/>).</summary>
    public static int ShardOf(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        // Keys are hex digests: their first digits are already uniformly spread.
        return int.Parse(key.AsSpan(0, Math.Min(4, key.Length)), NumberStyles.HexNumber, CultureInfo.InvariantCulture) % Shards;
    }

    /// <summary>The key for <paramref name="query"/> under the configured research settings.</summary>
    public static string For(string query, ResearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return For(query, options.Country, options.Language, options.ResultsPerQuery, options.SummaryMaxChars);
    }

    /// <summary>
    /// The key from the query and each setting that changes what is stored: where and in which language the
    /// search runs, how many results it asks for, and how long the condensed summary may be.
    /// </summary>
    public static string For(string query, string country, string language, int resultsPerQuery, int summaryMaxChars)
    {
        var text = string.Join('\n',
            Version,
            Normalize(query),
            Normalize(country),
            Normalize(language),
            resultsPerQuery.ToString(CultureInfo.InvariantCulture),
            summaryMaxChars.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Trimmed, runs of white space collapsed to one space, lower-case (invariant).</summary>
    public static string Normalize(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }
}
