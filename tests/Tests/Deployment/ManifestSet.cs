using System.Text;
using PersonalizedLine.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PersonalizedLine.Tests.Deployment;

/// <summary>One Kubernetes resource: a document of a YAML file under k8s/.</summary>
public sealed record Manifest(string File, YamlMappingNode Root)
{
    public string Kind => Root.Str("kind") ?? "(no kind)";

    public string Name => Root.At("metadata").Str("name") ?? "(no name)";

    public override string ToString() => $"{File}: {Kind}/{Name}";
}

/// <summary>A container of a pod template, with the workload it belongs to.</summary>
public sealed record Container(Manifest Owner, YamlNode PodSpec, YamlNode Node, bool IsInit)
{
    public string Name => Node.Str("name") ?? "(no name)";

    public string Image => Node.Str("image") ?? string.Empty;

    /// <summary>The image without its tag or digest.</summary>
    public string Repository
    {
        get
        {
            var image = Image.Split('@')[0];
            var colon = image.LastIndexOf(':');
            return colon > image.LastIndexOf('/') ? image[..colon] : image;
        }
    }

    public override string ToString() => $"{Owner}, {(IsInit ? "init container" : "container")} {Name}";
}

/// <summary>An environment variable as the container sees it, and where it comes from.</summary>
public sealed record EnvVar(string Name, string? Value, string Source);

/// <summary>Every resource in k8s/, loaded once; multi-document files give one <see cref="Manifest"/> per document.</summary>
public sealed class ManifestSet
{
    public const string Folder = "k8s";
    public const string KustomizationFile = "kustomization.yaml";

    /// <summary>Images built from this repository (Silo/Dockerfile, Client.Api/Dockerfile).</summary>
    public const string SiloImage = "personalizedline/silo";
    public const string ApiImage = "personalizedline/api";
    public const string ProjectImagePrefix = "personalizedline/";

    private static readonly string[] PodTemplateKinds = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"];

    private ManifestSet(string root)
    {
        Root = root;
        var folder = Path.Combine(root, Folder);
        ResourceFiles = Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !string.Equals(Path.GetFileName(path), KustomizationFile, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Resources = ResourceFiles.SelectMany(Load).ToList();
        Kustomization = Load($"{Folder}/{KustomizationFile}").Single().Root;
    }

    public static ManifestSet Current { get; } = new(RepositoryFiles.Root);

    public string Root { get; }

    /// <summary>Paths (relative to the repository root) of every YAML file under k8s/ but the kustomization.</summary>
    public IReadOnlyList<string> ResourceFiles { get; }

    public IReadOnlyList<Manifest> Resources { get; }

    public YamlMappingNode Kustomization { get; }

    public IEnumerable<Manifest> OfKind(string kind) => Resources.Where(resource => resource.Kind == kind);

    public Manifest? Find(string kind, string name) => OfKind(kind).FirstOrDefault(resource => resource.Name == name);

    /// <summary>The pod spec of a workload (its template; a CronJob's job template; a bare Pod's own spec).</summary>
    public static YamlNode? PodSpecOf(Manifest manifest) => manifest.Kind switch
    {
        "Pod" => manifest.Root.At("spec"),
        "CronJob" => manifest.Root.At("spec", "jobTemplate", "spec", "template", "spec"),
        _ when PodTemplateKinds.Contains(manifest.Kind) => manifest.Root.At("spec", "template", "spec"),
        _ => null,
    };

    public static YamlNode? PodLabelsOf(Manifest manifest) => manifest.Kind switch
    {
        "Pod" => manifest.Root.At("metadata", "labels"),
        "CronJob" => manifest.Root.At("spec", "jobTemplate", "spec", "template", "metadata", "labels"),
        _ => manifest.Root.At("spec", "template", "metadata", "labels"),
    };

    public IEnumerable<Container> Containers() =>
        from manifest in Resources
        let spec = PodSpecOf(manifest)
        where spec is not null
        from entry in spec.Items("initContainers").Select(node => (node, init: true)).Concat(spec.Items("containers").Select(node => (node, init: false)))
        select new Container(manifest, spec, entry.node, entry.init);

    /// <summary>Containers running an image this repository builds: their environment is read by our code.</summary>
    public IEnumerable<Container> ProjectContainers() =>
        Containers().Where(container => container.Image.StartsWith(ProjectImagePrefix, StringComparison.Ordinal));

    /// <summary>The main container of the one Deployment running <paramref name="repository"/>.</summary>
    public Container MainContainerOf(string repository)
    {
        var matches = Containers().Where(c => !c.IsInit && c.Owner.Kind == "Deployment" && c.Repository == repository).ToList();
        Assert.True(matches.Count == 1,
            $"Expected exactly one Deployment container running {repository} under {Folder}/, found {matches.Count}: {string.Join("; ", matches)}");
        return matches[0];
    }

    /// <summary>
    /// The environment the container sees: <c>envFrom</c> sources in order, then <c>env</c>, which overrides them
    /// (the kubelet's precedence). Values coming from the downward API or a secret key reference are null.
    /// Problems (a missing ConfigMap or Secret) go to <paramref name="problems"/>.
    /// </summary>
    public IReadOnlyDictionary<string, EnvVar> EnvironmentOf(Container container, List<string>? problems = null)
    {
        var result = new Dictionary<string, EnvVar>(StringComparer.Ordinal);
        foreach (var source in container.Node.Items("envFrom"))
        {
            var prefix = source.Str("prefix") ?? string.Empty;
            foreach (var (kind, refKey) in new[] { ("ConfigMap", "configMapRef"), ("Secret", "secretRef") })
            {
                var reference = source.At(refKey);
                if (reference is null)
                {
                    continue;
                }

                var name = reference.Str("name") ?? string.Empty;
                var target = Find(kind, name);
                if (target is null)
                {
                    if (reference.Str("optional") != "true")
                    {
                        problems?.Add($"{container}: envFrom names {kind}/{name}, which no file under {Folder}/ defines");
                    }

                    continue;
                }

                foreach (var (key, value) in DataOf(target))
                {
                    result[prefix + key] = new EnvVar(prefix + key, value, target.ToString());
                }
            }
        }

        foreach (var variable in container.Node.Items("env"))
        {
            var name = variable.Str("name") ?? string.Empty;
            result[name] = new EnvVar(name, variable.At("valueFrom") is null ? variable.Str("value") ?? string.Empty : null, $"{container} env");
        }

        return result;
    }

    /// <summary>The key/value pairs of a ConfigMap or Secret (<c>data</c>, base64-decoded for a Secret, and <c>stringData</c>).</summary>
    public static IEnumerable<(string Key, string Value)> DataOf(Manifest configMapOrSecret)
    {
        var isSecret = configMapOrSecret.Kind == "Secret";
        foreach (var (key, value) in configMapOrSecret.Root.Pairs("data"))
        {
            yield return (key, isSecret ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value);
        }

        foreach (var pair in configMapOrSecret.Root.Pairs("stringData"))
        {
            yield return pair;
        }
    }

    private IEnumerable<Manifest> Load(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(Root, relativePath)))
        {
            stream.Load(reader);
        }

        return stream.Documents
            .Select(document => document.RootNode)
            .OfType<YamlMappingNode>()
            .Select(root => new Manifest(relativePath, root))
            .ToList();
    }
}

/// <summary>Small navigation helpers over YamlDotNet's representation model.</summary>
public static class YamlNodeExtensions
{
    public static YamlNode? At(this YamlNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }

        return node;
    }

    public static string? Str(this YamlNode? node, string key) => (node.At(key) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, string key) =>
        node.At(key) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<string> Strings(this YamlNode? node, string key) =>
        node.Items(key).OfType<YamlScalarNode>().Select(scalar => scalar.Value ?? string.Empty);

    public static IEnumerable<(string Key, string Value)> Pairs(this YamlNode? node, string key) =>
        node.At(key) is YamlMappingNode mapping
            ? mapping.Children.Select(pair => (((YamlScalarNode)pair.Key).Value ?? string.Empty, (pair.Value as YamlScalarNode)?.Value ?? string.Empty))
            : [];

    public static int? Int(this YamlNode? node, string key) =>
        int.TryParse(node.Str(key), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
}
