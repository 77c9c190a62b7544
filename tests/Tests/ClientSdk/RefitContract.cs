using System.Reflection;
using System.Text.RegularExpressions;
using Refit;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>Reads a Refit interface's methods the way Refit sends them: route, query, multipart parts, answer type.</summary>
public static partial class RefitContract
{
    public static IReadOnlyList<ClientOperation> Read(Type api) =>
        api.GetMethods().Select(Read).ToList();

    private static ClientOperation Read(MethodInfo method)
    {
        var http = method.GetCustomAttribute<HttpMethodAttribute>()
            ?? throw new InvalidOperationException($"{method.Name} has no Refit HTTP attribute.");
        var routeNames = RouteParameter().Matches(http.Path).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var multipart = method.GetCustomAttribute<MultipartAttribute>() is not null;
        var query = new HashSet<string>(StringComparer.Ordinal);
        var form = new List<string>();
        foreach (var parameter in method.GetParameters())
        {
            var name = parameter.GetCustomAttribute<AliasAsAttribute>()?.Name ?? parameter.Name!;
            if (parameter.ParameterType == typeof(CancellationToken) || routeNames.Contains(name))
            {
                continue;
            }

            if (multipart && parameter.GetCustomAttribute<QueryAttribute>() is null)
            {
                form.Add(name);
            }
            else
            {
                query.Add(name);
            }
        }

        return new ClientOperation(method.Name, http.Method.Method.ToUpperInvariant(), http.Path, query, form, ResponseType(method.ReturnType));
    }

    /// <summary>T of Task&lt;T&gt;, unless T is a stream or raw response (not JSON).</summary>
    private static Type? ResponseType(Type returnType)
    {
        if (!returnType.IsGenericType || returnType.GetGenericTypeDefinition() != typeof(Task<>))
        {
            return null;
        }

        var answer = returnType.GetGenericArguments()[0];
        return answer == typeof(Stream) || answer == typeof(HttpResponseMessage) || answer == typeof(HttpContent) ? null : answer;
    }

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
