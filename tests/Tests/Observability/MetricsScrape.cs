using System.Net;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Observability;

/// <summary>GET /metrics, checked to be Prometheus text, parsed.</summary>
public static class MetricsScrape
{
    public static async Task<PrometheusText> GetAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {body}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return PrometheusText.Parse(body);
    }
}
