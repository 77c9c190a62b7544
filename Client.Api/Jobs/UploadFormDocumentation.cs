using Microsoft.OpenApi;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// Describes the job upload form in the OpenAPI document. The upload is read by hand, part by part (see
/// <see cref="MultipartJobUpload"/>), so the framework cannot see its fields; they are listed here from
/// <see cref="JobUploadForm.FieldNames"/>, the same list the reader accepts, so the document cannot drift from it.
/// </summary>
public static class UploadFormDocumentation
{
    public const string FileField = "file";

    public static RouteHandlerBuilder DescribesUploadForm(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { FileField },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    [FileField] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Format = "binary",
                        Description = "The CSV of leads. It must be the last part: the fields before it set up the job.",
                    },
                },
            };
            foreach (var name in JobUploadForm.FieldNames.Order(StringComparer.Ordinal))
            {
                form.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new() { Schema = form },
                },
            };
            return Task.CompletedTask;
        });
}
