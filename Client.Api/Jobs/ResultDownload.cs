using Microsoft.Net.Http.Headers;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Xlsx;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>GET /jobs/{id}/result's file: CSV by default, an Excel workbook with <c>?format=xlsx</c>.</summary>
public static class ResultDownload
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The <c>format</c> query value, or the problem to answer for one that is not csv or xlsx.</summary>
    public static bool TryParse(string? format, out ResultFormat result, out IResult? problem)
    {
        problem = null;
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "" or "csv":
                result = ResultFormat.Csv;
                return true;
            case "xlsx":
                result = ResultFormat.Xlsx;
                return true;
            default:
                result = ResultFormat.Csv;
                problem = ApiProblems.Problem(StatusCodes.Status400BadRequest, "Unknown result format",
                    $"format must be 'csv' (the default) or 'xlsx' (an Excel workbook), not '{format}'.");
                return false;
        }
    }

    /// <summary>Streams the result with its content type and a file name after the upload's.</summary>
    public static async Task<IResult> SendAsync(string id, JobManifest manifest, ResultFormat format, HttpContext http, JobResultWriter writer)
    {
        var xlsx = format == ResultFormat.Xlsx;
        var downloadName = Path.GetFileNameWithoutExtension(manifest.Spec.FileName) + (xlsx ? ".personalized.xlsx" : ".personalized.csv");
        http.Response.ContentType = xlsx ? XlsxContentType : "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = downloadName }.ToString();
        try
        {
            await writer.WriteAsync(id, manifest, http.Response.Body, http.RequestAborted, format);
            return TypedResults.Empty;
        }
        catch (XlsxLimitException tooBig) when (!http.Response.HasStarted)
        {
            http.Response.Headers.Remove(HeaderNames.ContentDisposition);
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The result does not fit in an Excel sheet", tooBig.Message);
        }
    }
}
