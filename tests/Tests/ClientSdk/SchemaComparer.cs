using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PersonalizedLine.Tests.ClientSdk;

/// <summary>
/// Compares a client type, as its source-generated JSON context reads it, with a schema of the OpenAPI document:
/// property names both ways, each property's JSON type, enum names, and nulls the server may send that the client
/// could not take. Follows <c>$ref</c> into the document's components and nested records into the context.
/// </summary>
public sealed class SchemaComparer(JsonNode document, JsonSerializerContext context)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public void Compare(Type clientType, JsonNode schema, string where) => Compare(clientType, clientAcceptsNull: true, schema, where);

    private void Compare(Type clientType, bool clientAcceptsNull, JsonNode schema, string where)
    {
        var (resolved, serverSendsNull) = Resolve(schema);
        if (serverSendsNull && !clientAcceptsNull)
        {
            _problems.Add($"{where}: the server may send null, the client's {clientType.Name} cannot hold it");
        }

        var type = Nullable.GetUnderlyingType(clientType) ?? clientType;
        if (type.IsEnum)
        {
            CompareEnum(type, resolved, where);
            return;
        }

        var info = context.GetTypeInfo(type) ?? throw new InvalidOperationException($"{type.Name} is not in the client's JSON context.");
        var expected = JsonKind(type, info);
        var declared = Types(resolved);
        if (!declared.Contains(expected))
        {
            _problems.Add($"{where}: the client reads {expected} ({type.Name}), the document says {string.Join("|", declared)}");
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                CompareObject(info, resolved, where);
                break;
            case JsonTypeInfoKind.Enumerable when resolved["items"] is { } items:
                Compare(info.ElementType!, clientAcceptsNull: !info.ElementType!.IsValueType, items, where + "[]");
                break;
            case JsonTypeInfoKind.Dictionary when resolved["additionalProperties"] is JsonObject values:
                Compare(info.ElementType!, clientAcceptsNull: !info.ElementType!.IsValueType, values, where + "{}");
                break;
        }
    }

    private void CompareObject(JsonTypeInfo info, JsonNode schema, string where)
    {
        var documented = schema["properties"]?.AsObject() ?? [];
        var client = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var name in documented.Select(p => p.Key).Except(client.Keys))
        {
            _problems.Add($"{where}.{name}: in the document, not in the client's {info.Type.Name}");
        }

        foreach (var (name, property) in client)
        {
            if (documented[name] is not { } propertySchema)
            {
                _problems.Add($"{where}.{name}: in the client's {info.Type.Name}, not in the document");
                continue;
            }

            var acceptsNull = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && property.IsSetNullable);
            Compare(property.PropertyType, acceptsNull, propertySchema, $"{where}.{name}");
        }
    }

    private void CompareEnum(Type type, JsonNode schema, string where)
    {
        var client = Enum.GetValues(type).Cast<object>()
            .Select(value => JsonSerializer.Serialize(value, context.GetTypeInfo(type)!).Trim('"'))
            .ToHashSet(StringComparer.Ordinal);
        var documented = (schema["enum"]?.AsArray() ?? []).Select(v => (string)v!).ToHashSet(StringComparer.Ordinal);
        if (!client.SetEquals(documented))
        {
            _problems.Add($"{where}: the client's {type.Name} has [{string.Join(", ", client.Order())}], the document [{string.Join(", ", documented.Order())}]");
        }
    }

    /// <summary>The schema behind any <c>$ref</c>, and whether it allows null (a "null" type or a oneOf with one).</summary>
    private (JsonNode Schema, bool Nullable) Resolve(JsonNode schema)
    {
        var nullable = Types(schema).Contains("null");
        if (schema["oneOf"] is JsonArray choices)
        {
            nullable |= choices.Any(c => Types(c!).Contains("null"));
            var other = choices.Where(c => !Types(c!).SequenceEqual(["null"])).ToList();
            if (other.Count == 1)
            {
                schema = other[0]!;
            }
        }

        if ((string?)schema["$ref"] is { } reference)
        {
            var name = reference["#/components/schemas/".Length..];
            schema = document["components"]!["schemas"]![name] ?? throw new InvalidOperationException($"Dangling {reference}");
        }

        return (schema, nullable);
    }

    private static IReadOnlyList<string> Types(JsonNode schema) => schema["type"] switch
    {
        JsonArray many => many.Select(t => (string)t!).ToList(),
        JsonValue one => [(string)one!],
        _ => schema["properties"] is not null ? ["object"] : [],
    };

    private static string JsonKind(Type type, JsonTypeInfo info) => info.Kind switch
    {
        JsonTypeInfoKind.Object => "object",
        JsonTypeInfoKind.Dictionary => "object",
        JsonTypeInfoKind.Enumerable => "array",
        _ when type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(Guid) => "string",
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "integer",
        _ when type == typeof(double) || type == typeof(decimal) || type == typeof(float) => "number",
        _ => throw new InvalidOperationException($"No JSON kind known for {type.Name}."),
    };
}
