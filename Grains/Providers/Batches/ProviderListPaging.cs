namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Looks through a provider's list, newest first, page by page (OpenAI's <c>after</c> cursor), for the first page with
/// a match, up to <see cref="ProviderBatchClient.MaxPages"/> pages: older work is not looked for.
/// </summary>
internal static class ProviderListPaging
{
    /// <param name="fetch">Gets the page after the cursor (null: the first page).</param>
    /// <param name="pick">The match in a page, or null.</param>
    public static async Task<T?> FindAsync<T>(
        Func<string?, Task<(IReadOnlyList<T> Items, bool HasMore, string? LastId)>> fetch, Func<IReadOnlyList<T>, T?> pick, Func<T, string> id)
        where T : class
    {
        string? after = null;
        for (var page = 0; page < ProviderBatchClient.MaxPages; page++)
        {
            var (items, hasMore, lastId) = await fetch(after).ConfigureAwait(false);
            if (pick(items) is { } match)
            {
                return match;
            }

            // Providers that page send last_id; the last item's id is the same cursor for those that do not.
            after = lastId ?? (items.Count > 0 ? id(items[^1]) : null);
            if (!hasMore || after is null)
            {
                return null;
            }
        }

        return null;
    }
}
