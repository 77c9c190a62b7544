using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace PersonalizedLine.Client.Api.WebPage;

/// <summary>
/// The web page (static files in wwwroot: HTML, one JavaScript module, CSS; no front-end build) at <c>/</c>, and the
/// interactive API reference over the OpenAPI document at <c>/scalar</c>.
/// </summary>
public static class WebPageExtensions
{
    public const string ApiReferencePath = "/scalar";

    public static WebApplication UseWebPage(this WebApplication app)
    {
        // From next to the assembly rather than the content root (the working directory when started as
        // `dotnet PersonalizedLine.Client.Api.dll`), so the page is there however the API is started.
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        // The reference page's script is served from the package itself; the default fonts would come from a CDN,
        // which a machine without internet access cannot reach.
        app.MapScalarApiReference(ApiReferencePath, options => options
            .WithTitle("PersonalizedLine API")
            .DisableDefaultFonts());
        return app;
    }
}
