using Amazon;

namespace BleepStore.E2E.Support;

/// <summary>
/// Raw HTTP with full control of headers and status: the URL is presigned by AWSSDK.S3 (only <c>host</c> is
/// signed), so any extra header (Range, If-*, If-None-Match on PUT…) goes out exactly as written.
/// </summary>
internal sealed class RawHttp(IAmazonS3 s3) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public HttpClient Client => _http;

    public Task<string> PresignAsync(string bucket, string key, HttpVerb verb, TimeSpan? lifetime = null, ResponseHeaderOverrides? overrides = null)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = verb,
            Expires = DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromMinutes(10)),
            Protocol = E2ESettings.Current.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
        };
        if (overrides is not null)
        {
            request.ResponseHeaderOverrides = overrides;
        }

        return s3.GetPreSignedURLAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string bucket, string key, IEnumerable<(string Name, string Value)>? headers = null, HttpContent? content = null)
    {
        var verb = method.Method switch
        {
            "GET" => HttpVerb.GET,
            "HEAD" => HttpVerb.HEAD,
            "PUT" => HttpVerb.PUT,
            "DELETE" => HttpVerb.DELETE,
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        };
        var url = await PresignAsync(bucket, key, verb);
        using var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers ?? [])
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
