using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Npgsql;
using Orleans.Configuration;
using PersonalizedLine.Silo.Hosting;
using YamlDotNet.RepresentationModel;

namespace PersonalizedLine.Tests.Deployment;

/// <summary>
/// Nothing can be deployed here, so these prove that k8s/ and the Dockerfiles agree with the code: configuration
/// names, probes, ports, cluster identity, RBAC, autoscaling and the schema's way into PostgreSQL.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly ManifestSet Manifests = ManifestSet.Current;

    private static Container Silo => Manifests.MainContainerOf(ManifestSet.SiloImage);

    private static Container Api => Manifests.MainContainerOf(ManifestSet.ApiImage);

    [Fact]
    public void Every_resource_file_under_k8s_is_listed_in_the_kustomization_and_every_listed_file_exists()
    {
        var listed = Manifests.Kustomization.Strings("resources").Select(path => $"{ManifestSet.Folder}/{path}").ToList();

        var unlisted = Manifests.ResourceFiles.Except(listed).ToList();
        Assert.True(unlisted.Count == 0,
            $"{ManifestSet.Folder}/{ManifestSet.KustomizationFile} does not list {string.Join(", ", unlisted)}: `kubectl apply -k` would skip it.");

        var missing = listed.Where(path => !File.Exists(Path.Combine(Manifests.Root, path))).ToList();
        Assert.True(missing.Count == 0,
            $"{ManifestSet.Folder}/{ManifestSet.KustomizationFile} lists {string.Join(", ", missing)}, which does not exist.");
    }

    [Fact]
    public void Every_environment_variable_a_project_container_sees_is_read_by_the_code_or_the_platform()
    {
        var containers = Manifests.ProjectContainers().ToList();
        Assert.Contains(containers, c => c.Repository == ManifestSet.SiloImage);
        Assert.Contains(containers, c => c.Repository == ManifestSet.ApiImage);

        var problems = new List<string>();
        foreach (var container in containers)
        {
            foreach (var variable in Manifests.EnvironmentOf(container, problems).Values)
            {
                if (!ConfigurationKeys.IsRecognized(variable.Name))
                {
                    problems.Add($"{container}: '{variable.Name}' (from {variable.Source}) is read neither by the code " +
                        $"({nameof(ConfigurationKeys)}.{nameof(ConfigurationKeys.Known)}) nor by the platform ({nameof(ConfigurationKeys)}.{nameof(ConfigurationKeys.Platform)}).");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void The_silo_runs_the_distributed_profile_with_kubernetes_hosting_its_connection_strings_and_its_pod_identity()
    {
        var env = Manifests.EnvironmentOf(Silo);
        AssertValue(Silo, env, "Cluster__Mode", "Distributed");
        AssertValue(Silo, env, "Cluster__Kubernetes", "true");
        AssertSet(Silo, env, "ConnectionStrings__Redis");
        AssertSet(Silo, env, "ConnectionStrings__Postgres");
        AssertFieldRef(Silo, "POD_NAME", "metadata.name");
        AssertFieldRef(Silo, "POD_NAMESPACE", "metadata.namespace");
        AssertFieldRef(Silo, "POD_IP", "status.podIP");
    }

    [Fact]
    public void The_api_runs_as_a_client_of_the_distributed_cluster()
    {
        var env = Manifests.EnvironmentOf(Api);
        AssertValue(Api, env, "Cluster__Mode", "Distributed");
        AssertSet(Api, env, "ConnectionStrings__Redis");
    }

    [Theory]
    [InlineData(ManifestSet.SiloImage)]
    [InlineData(ManifestSet.ApiImage)]
    public void Readiness_liveness_and_startup_probes_ask_the_health_endpoints_on_the_containers_http_port(string image)
    {
        var container = Manifests.MainContainerOf(image);
        var httpPort = HttpPortOf(container);
        var expected = new Dictionary<string, string[]>
        {
            ["readinessProbe"] = ["/health/ready"],
            ["livenessProbe"] = ["/health/live"],
            ["startupProbe"] = ["/health/live", "/health/ready"],
        };

        foreach (var (probe, paths) in expected)
        {
            var httpGet = container.Node.At(probe, "httpGet");
            Assert.True(httpGet is not null, $"{container}: no {probe} with httpGet.");
            var path = httpGet.Str("path");
            Assert.True(paths.Contains(path), $"{container}: {probe} asks '{path}', expected {string.Join(" or ", paths)}.");
            var port = ResolvePort(container, httpGet.Str("port"));
            Assert.True(port == httpPort, $"{container}: {probe} asks port {httpGet.Str("port")} ({port}), but the app serves HTTP on {httpPort}.");
        }
    }

    [Fact]
    public void The_silo_pod_is_given_more_time_to_stop_than_its_graceful_shutdown_takes()
    {
        var env = Manifests.EnvironmentOf(Silo);
        var shutdown = env.TryGetValue("Cluster__ShutdownTimeout", out var configured) && configured.Value is { } text
            ? TimeSpan.Parse(text, CultureInfo.InvariantCulture)
            : new ClusterProfileOptions().ShutdownTimeout;
        var grace = Silo.PodSpec.Int("terminationGracePeriodSeconds") ?? 30;

        Assert.True(grace > shutdown.TotalSeconds,
            $"{Silo.Owner}: terminationGracePeriodSeconds {grace} must exceed Cluster__ShutdownTimeout ({shutdown}), else the kubelet kills a silo still handing its rows over.");
    }

    [Fact]
    public void The_silo_pod_labels_carry_the_orleans_service_and_cluster_ids_the_silo_is_configured_with()
    {
        var env = Manifests.EnvironmentOf(Silo);
        var defaults = new ClusterProfileOptions();
        var labels = ManifestSet.PodLabelsOf(Silo.Owner);

        foreach (var (label, key, fallback) in new[]
                 {
                     ("orleans/serviceId", "Cluster__ServiceId", defaults.ServiceId),
                     ("orleans/clusterId", "Cluster__ClusterId", defaults.ClusterId),
                 })
        {
            var configured = env.TryGetValue(key, out var variable) && variable.Value is not null ? variable.Value : fallback;
            var actual = labels.Str(label);
            Assert.True(actual == configured,
                $"{Silo.Owner}: pod label {label} is '{actual}' but {key} is '{configured}'; the Orleans Kubernetes hosting selects the cluster's pods by this label.");
        }
    }

    [Fact]
    public void The_api_joins_the_cluster_the_silos_form()
    {
        var silo = Manifests.EnvironmentOf(Silo);
        var api = Manifests.EnvironmentOf(Api);
        foreach (var key in new[] { "Cluster__ServiceId", "Cluster__ClusterId", "ConnectionStrings__Redis" })
        {
            var siloValue = silo.GetValueOrDefault(key)?.Value;
            var apiValue = api.GetValueOrDefault(key)?.Value;
            Assert.True(siloValue == apiValue, $"{key}: the silo ({Silo.Owner}) has '{siloValue}', the API ({Api.Owner}) '{apiValue}'.");
        }
    }

    [Fact]
    public void The_silo_container_declares_the_ports_the_silo_listens_on()
    {
        var env = Manifests.EnvironmentOf(Silo);
        var profile = new ClusterProfileOptions
        {
            Mode = ClusterMode.Distributed,
            SiloPort = IntOrZero(env, "Cluster__SiloPort"),
            GatewayPort = IntOrZero(env, "Cluster__GatewayPort"),
        };

        // With Kubernetes hosting the silo keeps Orleans' endpoint defaults; otherwise the profile's ports apply.
        var kubernetes = string.Equals(env.GetValueOrDefault("Cluster__Kubernetes")?.Value, "true", StringComparison.OrdinalIgnoreCase);
        var endpoints = new EndpointOptions();
        var expected = new[]
        {
            kubernetes ? endpoints.SiloPort : profile.EffectiveSiloPort,
            kubernetes ? endpoints.GatewayPort : profile.EffectiveGatewayPort,
            HttpPortOf(Silo),
        };

        var declared = Silo.Node.Items("ports").Select(port => port.Int("containerPort")).ToList();
        foreach (var port in expected)
        {
            Assert.True(declared.Contains(port), $"{Silo}: declares ports {string.Join(", ", declared)}, not {port}, on which the silo listens.");
        }
    }

    [Fact]
    public void The_api_service_forwards_port_80_to_the_api_containers_http_port()
    {
        var services = Manifests.OfKind("Service").Where(service => SelectorMatches(service.Root.At("spec", "selector"), Api.Owner)).ToList();
        Assert.True(services.Count == 1, $"Expected one Service selecting the API pods ({Api.Owner}), found {services.Count}.");

        var port = services[0].Root.At("spec").Items("ports").SingleOrDefault(p => p.Int("port") == 80);
        Assert.True(port is not null, $"{services[0]}: no port 80.");
        var target = ResolvePort(Api, port.Str("targetPort") ?? "80");
        Assert.True(target == HttpPortOf(Api), $"{services[0]}: port 80 goes to {port.Str("targetPort")}, not to the API's HTTP port {HttpPortOf(Api)}.");
    }

    [Fact]
    public void The_autoscaler_scales_the_silo_deployment_on_cpu_and_shrinks_slowly()
    {
        var autoscalers = Manifests.OfKind("HorizontalPodAutoscaler").ToList();
        Assert.True(autoscalers.Count == 1, $"Expected one HorizontalPodAutoscaler under k8s/, found {autoscalers.Count}.");
        var hpa = autoscalers[0];
        Assert.True(hpa.Root.Str("apiVersion") == "autoscaling/v2", $"{hpa}: apiVersion is {hpa.Root.Str("apiVersion")}, expected autoscaling/v2.");

        var target = hpa.Root.At("spec", "scaleTargetRef");
        Assert.True(target.Str("kind") == "Deployment" && target.Str("name") == Silo.Owner.Name,
            $"{hpa}: targets {target.Str("kind")}/{target.Str("name")}, not the silo Deployment {Silo.Owner.Name}.");

        var spec = hpa.Root.At("spec");
        var min = spec.Int("minReplicas") ?? 1;
        var max = spec.Int("maxReplicas") ?? 0;
        Assert.True(min >= 2 && max > min, $"{hpa}: minReplicas {min}, maxReplicas {max}; a cluster needs at least two silos to survive one, and room to grow.");
        Assert.True(spec.Items("metrics").Any(metric => metric.At("resource").Str("name") == "cpu"), $"{hpa}: no CPU metric.");
        Assert.True(spec.At("behavior", "scaleDown").Int("stabilizationWindowSeconds") > 0, $"{hpa}: no scale-down stabilization window.");
        Assert.True(Silo.Node.At("resources", "requests").Str("cpu") is not null, $"{Silo}: no CPU request, so CPU utilization cannot be computed.");
        Assert.True(Silo.Owner.Root.At("spec").Int("replicas") is null,
            $"{Silo.Owner}: sets replicas, which every `kubectl apply` would reset under the autoscaler.");
    }

    [Fact]
    public void A_disruption_budget_covers_the_silo_pods()
    {
        var budgets = Manifests.OfKind("PodDisruptionBudget").Where(pdb => SelectorMatches(pdb.Root.At("spec", "selector", "matchLabels"), Silo.Owner)).ToList();
        Assert.True(budgets.Count == 1,
            $"Expected one PodDisruptionBudget whose selector matches the silo pods ({Silo.Owner}), found {budgets.Count}; {Manifests.OfKind("PodDisruptionBudget").Count()} in all.");
        var budget = budgets[0];
        var spec = budget.Root.At("spec");
        Assert.True(spec.Str("maxUnavailable") is not null || spec.Str("minAvailable") is not null, $"{budget}: neither maxUnavailable nor minAvailable.");
    }

    [Fact]
    public void The_silo_runs_under_a_service_account_allowed_to_get_list_watch_patch_and_delete_pods()
    {
        var account = Silo.PodSpec.Str("serviceAccountName");
        Assert.True(account is not null, $"{Silo.Owner}: no serviceAccountName; the default account has no rights on pods.");
        Assert.True(Manifests.Find("ServiceAccount", account) is not null, $"{Silo.Owner}: uses ServiceAccount {account}, which no file under k8s/ defines.");

        // get: its own pod; patch: the orleans/* labels; list, watch: the cluster's pods; delete: pods of dead silos.
        string[] needed = ["get", "list", "watch", "patch", "delete"];
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in Manifests.OfKind("RoleBinding"))
        {
            var boundToAccount = binding.Root.Items("subjects").Any(s => s.Str("kind") == "ServiceAccount" && s.Str("name") == account);
            var roleRef = binding.Root.At("roleRef");
            if (!boundToAccount || roleRef.Str("kind") != "Role")
            {
                continue;
            }

            var role = Manifests.Find("Role", roleRef.Str("name") ?? string.Empty);
            Assert.True(role is not null, $"{binding}: binds Role {roleRef.Str("name")}, which no file under k8s/ defines.");
            foreach (var rule in role.Root.Items("rules").Where(r => r.Strings("apiGroups").Contains("") && r.Strings("resources").Contains("pods")))
            {
                granted.UnionWith(rule.Strings("verbs"));
            }
        }

        var missing = needed.Where(verb => !granted.Contains(verb) && !granted.Contains("*")).ToList();
        Assert.True(missing.Count == 0, $"ServiceAccount {account} (used by {Silo.Owner}) lacks pods: {string.Join(", ", missing)}; the Orleans Kubernetes hosting needs them.");
    }

    [Theory]
    [InlineData("Silo/Dockerfile", "Silo/Silo.csproj", ManifestSet.SiloImage)]
    [InlineData("Client.Api/Dockerfile", "Client.Api/Client.Api.csproj", ManifestSet.ApiImage)]
    public void Each_dockerfile_starts_the_assembly_its_project_builds_and_exposes_the_ports_the_manifests_use(string dockerfile, string project, string image)
    {
        var path = Path.Combine(Manifests.Root, dockerfile);
        Assert.True(File.Exists(path), $"{dockerfile} does not exist.");
        var lines = File.ReadAllLines(path);

        var assembly = XDocument.Load(Path.Combine(Manifests.Root, project)).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
            ?? Path.GetFileNameWithoutExtension(project);
        var entrypoint = lines.LastOrDefault(line => line.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        Assert.True(entrypoint is not null, $"{dockerfile}: no ENTRYPOINT.");
        var command = JsonSerializer.Deserialize<string[]>(entrypoint["ENTRYPOINT".Length..].Trim());
        Assert.True(command is ["dotnet", var dll] && dll == assembly + ".dll",
            $"{dockerfile}: ENTRYPOINT {entrypoint["ENTRYPOINT".Length..].Trim()} does not run {assembly}.dll, the assembly {project} builds.");

        var exposed = lines.Where(line => line.StartsWith("EXPOSE", StringComparison.Ordinal))
            .SelectMany(line => line["EXPOSE".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(port => int.Parse(port.Split('/')[0], CultureInfo.InvariantCulture))
            .ToHashSet();
        var container = Manifests.MainContainerOf(image);
        foreach (var port in container.Node.Items("ports").Select(p => p.Int("containerPort")))
        {
            Assert.True(port is { } number && exposed.Contains(number), $"{dockerfile}: does not EXPOSE {port}, which {container} declares.");
        }

        var user = lines.LastOrDefault(line => line.StartsWith("USER", StringComparison.Ordinal));
        Assert.True(user is not null && !user.Contains("root", StringComparison.Ordinal), $"{dockerfile}: the final stage must switch to a non-root USER.");
    }

    [Fact]
    public void The_schema_job_applies_with_psql_the_script_the_silo_image_carries()
    {
        var jobs = Manifests.OfKind("Job").ToList();
        Assert.True(jobs.Count == 1, $"Expected one Job (the PostgreSQL schema) under k8s/, found {jobs.Count}.");
        var job = jobs[0];
        var containers = Manifests.Containers().Where(c => c.Owner == job).ToList();

        var copy = containers.SingleOrDefault(c => c.IsInit && c.Repository == ManifestSet.SiloImage);
        Assert.True(copy is not null, $"{job}: no init container running {ManifestSet.SiloImage} to take the schema script from.");
        var copied = copy.Node.Strings("command").Concat(copy.Node.Strings("args")).FirstOrDefault(arg => arg.EndsWith("postgresql-orleans.sql", StringComparison.Ordinal));

        var dockerfile = File.ReadAllLines(Path.Combine(Manifests.Root, "Silo/Dockerfile"));
        var shipped = dockerfile
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts is ["COPY", "sql/postgresql-orleans.sql", _])
            .Select(parts => parts[2])
            .ToList();
        Assert.True(copied is not null && shipped.Contains(copied),
            $"{copy}: copies '{copied}', but Silo/Dockerfile puts sql/postgresql-orleans.sql at {string.Join(", ", shipped.DefaultIfEmpty("(nowhere)"))}.");

        var psql = containers.SingleOrDefault(c => !c.IsInit && c.Repository == "postgres");
        Assert.True(psql is not null, $"{job}: no postgres container to run psql.");
        var script = string.Join('\n', psql.Node.Strings("command").Concat(psql.Node.Strings("args")));
        Assert.True(script.Contains("psql -v ON_ERROR_STOP=1 -f", StringComparison.Ordinal) && script.Contains("postgresql-orleans.sql", StringComparison.Ordinal),
            $"{psql}: does not run `psql -v ON_ERROR_STOP=1 -f .../postgresql-orleans.sql`.");

        var volumesOfCopy = copy.Node.Items("volumeMounts").Select(m => m.Str("name")).ToHashSet();
        Assert.True(psql.Node.Items("volumeMounts").Any(m => volumesOfCopy.Contains(m.Str("name"))), $"{job}: the psql container does not mount the volume the script is copied to.");
    }

    [Fact]
    public void The_silos_postgres_connection_string_reaches_the_database_the_schema_job_prepares()
    {
        var connection = new NpgsqlConnectionStringBuilder(SiloPostgresConnectionString());
        var job = Manifests.Containers().Single(c => c.Owner.Kind == "Job" && !c.IsInit);
        var libpq = Manifests.EnvironmentOf(job);

        foreach (var (variable, actual) in new[]
                 {
                     ("PGHOST", connection.Host), ("PGPORT", connection.Port.ToString(CultureInfo.InvariantCulture)),
                     ("PGUSER", connection.Username), ("PGPASSWORD", connection.Password), ("PGDATABASE", connection.Database),
                 })
        {
            var expected = libpq.GetValueOrDefault(variable)?.Value;
            Assert.True(expected == actual,
                $"ConnectionStrings__Postgres (silo) says {variable.Replace("PG", string.Empty, StringComparison.Ordinal).ToLowerInvariant()} '{actual}', the schema Job ({job.Owner}) '{expected}'.");
        }
    }

    [Fact]
    public void The_trial_postgres_accepts_the_connections_of_every_silo_the_autoscaler_may_start()
    {
        var postgres = Manifests.Containers().Single(c => c.Owner.Kind == "StatefulSet" && c.Repository == "postgres");
        var args = string.Join(' ', postgres.Node.Strings("command").Concat(postgres.Node.Strings("args")));
        var match = MaxConnections().Match(args);
        var maxConnections = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 100;

        var connectionString = SiloPostgresConnectionString();
        var pool = connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase) || connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize
            : ClusterConnections.DefaultPostgresPoolSize;
        var maxSilos = Manifests.OfKind("HorizontalPodAutoscaler").Single().Root.At("spec").Int("maxReplicas") ?? 1;
        var surge = 1; // a rolling update starts one silo more before stopping an old one

        // PostgreSQL keeps 3 connections for superusers; the schema Job and a waiting init container use a few more.
        var needed = ((maxSilos + surge) * pool) + 3 + 2;
        Assert.True(needed <= maxConnections,
            $"{postgres}: max_connections {maxConnections}, but {maxSilos}+{surge} silos x {pool} pooled connections (+5) need {needed}.");
    }

    [Fact]
    public void Committed_secrets_hold_placeholders_only()
    {
        var problems = new List<string>();
        foreach (var secret in Manifests.OfKind("Secret"))
        {
            if (!secret.File.Contains("placeholder", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{secret}: a committed Secret must live in a file named as a placeholder.");
            }

            foreach (var (key, value) in ManifestSet.DataOf(secret))
            {
                var sensitive = key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) ? PasswordIn(value) : IsSensitiveName(key) ? value : string.Empty;
                if (!string.IsNullOrEmpty(sensitive) && !sensitive.Contains("PLACEHOLDER", StringComparison.Ordinal))
                {
                    problems.Add($"{secret}: {key} holds something that is not marked PLACEHOLDER; never commit a real secret.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static string SiloPostgresConnectionString()
    {
        var env = Manifests.EnvironmentOf(Silo);
        AssertSet(Silo, env, "ConnectionStrings__Postgres");
        return env["ConnectionStrings__Postgres"].Value!;
    }

    private static bool IsSensitiveName(string key) =>
        new[] { "PASSWORD", "APIKEY", "API_KEY", "TOKEN", "SECRET" }.Any(word => key.Replace("__", "_", StringComparison.Ordinal).ToUpperInvariant().Contains(word, StringComparison.Ordinal));

    private static string PasswordIn(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.TryGetValue("Password", out var password) ? password?.ToString() ?? string.Empty : string.Empty;
    }

    private static int HttpPortOf(Container container)
    {
        var env = Manifests.EnvironmentOf(container);
        var configured = env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS")?.Value;
        return configured is null ? 8080 : int.Parse(configured.Split(';')[0], CultureInfo.InvariantCulture);
    }

    private static int? ResolvePort(Container container, string? port)
    {
        if (int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return container.Node.Items("ports").FirstOrDefault(p => p.Str("name") == port)?.Int("containerPort");
    }

    private static bool SelectorMatches(YamlNode? selector, Manifest workload)
    {
        var labels = ManifestSet.PodLabelsOf(workload);
        var pairs = selector is YamlMappingNode mapping
            ? mapping.Children.Select(pair => (((YamlScalarNode)pair.Key).Value, (pair.Value as YamlScalarNode)?.Value)).ToList()
            : [];
        return pairs.Count > 0 && pairs.All(pair => labels.Str(pair.Item1 ?? string.Empty) == pair.Item2);
    }

    private static int IntOrZero(IReadOnlyDictionary<string, EnvVar> env, string key) =>
        int.TryParse(env.GetValueOrDefault(key)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static void AssertValue(Container container, IReadOnlyDictionary<string, EnvVar> env, string key, string expected)
    {
        Assert.True(env.TryGetValue(key, out var variable), $"{container}: {key} is not set (expected {expected}).");
        Assert.True(string.Equals(variable.Value, expected, StringComparison.OrdinalIgnoreCase),
            $"{container}: {key} is '{variable.Value}' (from {variable.Source}), expected {expected}.");
    }

    private static void AssertSet(Container container, IReadOnlyDictionary<string, EnvVar> env, string key) =>
        Assert.True(env.TryGetValue(key, out var variable) && !string.IsNullOrWhiteSpace(variable.Value),
            $"{container}: {key} is not set, neither in env nor through envFrom.");

    private static void AssertFieldRef(Container container, string name, string fieldPath)
    {
        var variable = container.Node.Items("env").FirstOrDefault(v => v.Str("name") == name);
        var actual = variable.At("valueFrom", "fieldRef").Str("fieldPath");
        Assert.True(actual == fieldPath, $"{container}: {name} must come from the downward API fieldRef {fieldPath}, found {actual ?? "nothing"}.");
    }

    [GeneratedRegex(@"max_connections=(\d+)")]
    private static partial Regex MaxConnections();
}
