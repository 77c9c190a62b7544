namespace PersonalizedLine.Client.Api.Quotas;

/// <summary>429 Too Many Requests: a ProblemDetails naming the limit and its value, and a <c>Retry-After</c> in seconds.</summary>
public sealed class QuotaExceededResult(string limit, long value, TimeSpan retryAfter, string detail) : IResult
{
    public QuotaExceededResult(QuotaExceededException exception)
        : this(exception.Limit, exception.Value, exception.RetryAfter, exception.Message)
    {
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Limit reached",
            extensions: new Dictionary<string, object?> { ["limit"] = limit, ["value"] = value }).ExecuteAsync(httpContext);
    }
}
