using System.Text.Json;
using System.Text.RegularExpressions;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Observability;

/// <summary>
/// k8s/grafana-dashboard.json queries only metrics that /metrics serves, so a renamed instrument fails here instead
/// of leaving an operator with empty panels.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class GrafanaDashboardTests(ApiFixture api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EveryMetricTheDashboardQueriesIsServedAfterAJob()
    {
        var expressions = DashboardExpressions();
        Assert.True(expressions.Count >= 12, $"The dashboard has only {expressions.Count} queries.");

        var run = await TroubledJob.RunAsync(api, Deadline);
        var served = run.After.Names.ToHashSet();
        var missing = new List<string>();
        foreach (var expression in expressions)
        {
            var names = MetricName().Matches(expression).Select(match => match.Value).ToList();
            Assert.True(names.Count > 0, $"The query '{expression}' uses none of the product's metrics.");
            missing.AddRange(names.Where(name => !served.Contains(name)).Select(name => $"{name} (in '{expression}')"));
        }

        Assert.True(missing.Count == 0, "Not served by /metrics: " + string.Join("; ", missing.Distinct()));
    }

    [Fact]
    public void EveryPanelHasATitleAndQueriesThePrometheusDataSourceVariable()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("k8s/grafana-dashboard.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            Assert.False(string.IsNullOrWhiteSpace(panel.GetProperty("title").GetString()));
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.NotEmpty(panel.GetProperty("targets").EnumerateArray());
        }
    }

    private static List<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("k8s/grafana-dashboard.json")));
        return dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .Select(target => target.GetProperty("expr").GetString()!)
            .ToList();
    }

    [GeneratedRegex(@"\bpersonalizedline_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
