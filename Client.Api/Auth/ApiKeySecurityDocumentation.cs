using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// Declares the API keys in the OpenAPI document when <c>Auth__Mode=ApiKeys</c>: a bearer token or the
/// <c>X-Api-Key</c> header, either one, on every operation whose path needs a key (<see cref="ProtectedPaths"/>). Tools
/// such as the API reference page then offer to send a key. A server without keys declares none, as it needs none.
/// </summary>
public sealed class ApiKeySecurityDocumentation(IOptions<AuthOptions> auth) : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    public const string HeaderScheme = "apiKeyHeader";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (auth.Value.Mode != AuthMode.ApiKeys)
        {
            return Task.CompletedTask;
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from `keys create`, sent as `Authorization: Bearer <key>`.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthentication.ApiKeyHeader,
            Description = $"The same key in the `{ApiKeyAuthentication.ApiKeyHeader}` header instead.",
        };

        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is null || ProtectedPaths.PolicyFor(new PathString(path)) is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                // Two requirements: either scheme alone is enough.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
                ];
            }
        }

        return Task.CompletedTask;
    }
}
