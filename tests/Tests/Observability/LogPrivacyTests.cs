using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Tests.Observability;

/// <summary>Logs carry ids as properties and no lead data; the cluster profile writes them as JSON.</summary>
public sealed partial class LogPrivacyTests
{
    /// <summary>Placeholders that would put a lead's cells (or text built from them) into a log line.</summary>
    private static readonly string[] LeadFields = ["first", "last", "person", "company", "email", "mail", "website", "title", "query", "lead", "prompt", "research", "text"];

    private static readonly Assembly[] ProductAssemblies =
    [
        typeof(PersonalizedLine.Grains.Rows.RowProcessor).Assembly,
        typeof(ConfigurationKeys).Assembly,
        typeof(PersonalizedLine.Client.Api.Auth.ProtectedPaths).Assembly,
    ];

    [Fact]
    public void NoLogMessageHasAPlaceholderForLeadData()
    {
        var messages = ProductAssemblies.SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => method.GetCustomAttribute<LoggerMessageAttribute>()?.Message)
            .OfType<string>()
            .ToList();
        Assert.True(messages.Count > 20, $"Only {messages.Count} log messages found: the scan misses the source-generated loggers.");

        var offending = messages
            .SelectMany(message => Placeholder().Matches(message).Select(match => (message, name: match.Groups[1].Value)))
            .Where(found => LeadFields.Any(field => found.name.Contains(field, StringComparison.OrdinalIgnoreCase)))
            .Select(found => $"{{{found.name}}} in \"{found.message}\"")
            .ToList();
        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Theory]
    [InlineData("Distributed", true)]
    [InlineData("Localhost", false)]
    [InlineData(null, false)]
    public void TheClusterProfileLogsJson(string? mode, bool json)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Cluster:Mode"] = mode }).Build();
        Assert.Equal(json, LoggingExtensions.WritesJson(configuration));
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
