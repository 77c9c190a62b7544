using YamlDotNet.RepresentationModel;

namespace PersonalizedLine.Tests.Deployment;

/// <summary>
/// The pods' scrape annotations point at the port and path that serve /metrics: the silo for the generic annotation
/// job, the API (admin key needed) for the job k8s/README.md describes.
/// </summary>
public sealed class MetricsScrapingManifestTests
{
    private static readonly ManifestSet Manifests = ManifestSet.Current;

    [Fact]
    public void Silo_pods_are_scraped_on_their_http_port_at_metrics()
    {
        var silo = Manifests.MainContainerOf(ManifestSet.SiloImage);
        var annotations = AnnotationsOf(silo);
        Assert.Equal("true", annotations.Str("prometheus.io/scrape"));
        Assert.Equal("/metrics", annotations.Str("prometheus.io/path"));
        Assert.Equal(HttpPortOf(silo), annotations.Str("prometheus.io/port"));
    }

    [Fact]
    public void Api_pods_are_left_to_the_scrape_job_that_sends_an_admin_key()
    {
        var api = Manifests.MainContainerOf(ManifestSet.ApiImage);
        var annotations = AnnotationsOf(api);
        Assert.Null(annotations.Str("prometheus.io/scrape"));
        Assert.Equal("/metrics", annotations.Str("personalizedline.io/metrics-path"));
        Assert.Equal(HttpPortOf(api), annotations.Str("personalizedline.io/metrics-port"));

        var readme = File.ReadAllText(RepositoryFilesPath("k8s/README.md"));
        Assert.Contains("personalizedline.io/metrics-port", readme);
        Assert.Contains("credentials_file", readme);
    }

    private static YamlNode AnnotationsOf(Container container) =>
        container.Owner.Root.At("spec", "template", "metadata", "annotations")
        ?? throw new Xunit.Sdk.XunitException($"{container.Owner} has no pod annotations.");

    private static string? HttpPortOf(Container container) =>
        container.Node.Items("ports").FirstOrDefault(port => port.Str("name") == "http").Str("containerPort");

    private static string RepositoryFilesPath(string relative) => Support.RepositoryFiles.PathOf(relative);
}
