using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

public sealed class OfflineProviderTests
{
    [Fact]
    public async Task Offline_research_is_marked_and_deterministic()
    {
        var provider = new OfflineResearchProvider();

        var first = await provider.ResearchAsync("Acme Robotics", CancellationToken.None);
        var second = await provider.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.StartsWith("[offline research]", first.Summary, StringComparison.Ordinal);
        Assert.Contains("Acme Robotics", first.Summary, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(0, first.SearchCalls);
    }

    [Fact]
    public async Task Offline_line_uses_the_lead_and_costs_no_tokens()
    {
        var writer = new OfflineLineWriter();
        var request = ProviderTestHost.Line();

        var first = await writer.WriteLineAsync(request, CancellationToken.None);
        var second = await writer.WriteLineAsync(request, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.StartsWith("(offline demo) Hi Ada, ", first.Text, StringComparison.Ordinal);
        Assert.Contains("Acme Robotics", first.Text, StringComparison.Ordinal);
        Assert.Equal(0, first.PromptTokens);
        Assert.Equal(0, first.CompletionTokens);
    }

    [Fact]
    public async Task Offline_line_tolerates_missing_fields()
    {
        var writer = new OfflineLineWriter();
        var request = new LineRequest("s", "u", "m", new Dictionary<string, string>(), string.Empty);

        var draft = await writer.WriteLineAsync(request, CancellationToken.None);

        Assert.StartsWith("(offline demo) Hi there, ", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_line_quotes_real_research_without_its_heading()
    {
        var writer = new OfflineLineWriter();
        var lead = new Dictionary<string, string> { ["First_Name"] = "Grace", ["Company"] = "Navy Labs" };
        var research = "Navy Labs (Company, https://navy-labs.example): Navy Labs builds compilers. It was founded in 1952.\nOther: text";
        var texts = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var request = new LineRequest("s", "u", "m", new Dictionary<string, string>(lead) { ["title"] = $"Role {i}" }, research);
            texts.Add((await writer.WriteLineAsync(request, CancellationToken.None)).Text);
        }

        Assert.All(texts, t => Assert.StartsWith("(offline demo) Hi Grace, ", t, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("Navy Labs builds compilers.", StringComparison.Ordinal));
        Assert.All(texts, t => Assert.DoesNotContain("https://", t, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offline_lines_vary_across_leads()
    {
        var writer = new OfflineLineWriter();
        var lines = new HashSet<string>();
        foreach (var company in new[] { "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka" })
        {
            var request = ProviderTestHost.Line("Ada", company);
            lines.Add((await writer.WriteLineAsync(request, CancellationToken.None)).Text.Replace(company, "X", StringComparison.Ordinal));
        }

        Assert.True(lines.Count > 1);
    }
}
