namespace PersonalizedLine.Tests.Providers;

/// <summary>One client's handler of a <see cref="TransportTap"/> (a handler can sit in one pipeline only).</summary>
internal sealed class TransportTapHandler(TransportTap tap) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        tap.Observe(request) is { } answer ? Task.FromResult(Answered(answer, request)) : base.SendAsync(request, cancellationToken);

    private static HttpResponseMessage Answered(HttpResponseMessage answer, HttpRequestMessage request)
    {
        answer.RequestMessage = request;
        return answer;
    }
}
