using System.Net;
using Amazon;

namespace BleepStore.E2E.Cors;

/// <summary>
/// Bucket CORS through AWSSDK.S3 (docs/cors.md): the configuration round trip and S3's errors, then what a browser
/// sees (an unauthenticated preflight, the Access-Control-* headers on SDK-presigned GET and PUT and on an error).
/// </summary>
public sealed class CorsTests(BucketFixture fixture) : IClassFixture<BucketFixture>, IDisposable
{
    private const string App = "http://x.app.test";
    private readonly HttpClient _http = new();
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    private static CORSConfiguration Rules() => new()
    {
        Rules =
        [
            new CORSRule
            {
                Id = "app",
                AllowedOrigins = ["http://*.app.test"],
                AllowedMethods = ["GET", "PUT"],
                AllowedHeaders = ["content-type", "x-amz-*"],
                ExposeHeaders = ["ETag"],
                MaxAgeSeconds = 120,
            },
            new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"] },
        ],
    };

    [Fact]
    public async Task PutGetDelete_RoundTrip_ThenNoSuchCORSConfiguration()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        try
        {
            await S3Assert.FailsWithAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(bucket));
            await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Rules() });

            var got = (await _s3.GetCORSConfigurationAsync(bucket)).Configuration.Rules;
            Assert.Equal(2, got.Count);
            Assert.Equal("app", got[0].Id);
            Assert.Equal(["http://*.app.test"], got[0].AllowedOrigins);
            Assert.Equal(["GET", "PUT"], got[0].AllowedMethods);
            Assert.Equal(["content-type", "x-amz-*"], got[0].AllowedHeaders);
            Assert.Equal(["ETag"], got[0].ExposeHeaders);
            Assert.Equal(120, got[0].MaxAgeSeconds);
            Assert.Equal(["*"], got[1].AllowedOrigins);

            await _s3.DeleteCORSConfigurationAsync(bucket);
            await S3Assert.FailsWithAsync("NoSuchCORSConfiguration", HttpStatusCode.NotFound, () => _s3.GetCORSConfigurationAsync(bucket));
        }
        finally
        {
            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task InvalidConfigurations_AreS3Errors_AndChangeNothing()
    {
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = _bucket, Configuration = Rules() });
        CORSConfiguration One(CORSRule rule) => new() { Rules = [rule] };

        await S3Assert.FailsWithAsync("InvalidRequest", HttpStatusCode.BadRequest, () => PutAsync(One(new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["PATCH"] })));
        await S3Assert.FailsWithAsync("InvalidRequest", HttpStatusCode.BadRequest, () => PutAsync(One(new CORSRule { AllowedOrigins = ["http://*.*"], AllowedMethods = ["GET"] })));
        await S3Assert.FailsWithAsync("InvalidRequest", HttpStatusCode.BadRequest, () => PutAsync(One(new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"], ExposeHeaders = ["*"] })));
        await S3Assert.FailsWithAsync("MalformedXML", HttpStatusCode.BadRequest, () => PutAsync(new CORSConfiguration
        {
            Rules = [.. Enumerable.Range(0, 101).Select(_ => new CORSRule { AllowedOrigins = ["*"], AllowedMethods = ["GET"] })],
        }));

        Assert.Equal("app", (await _s3.GetCORSConfigurationAsync(_bucket)).Configuration.Rules[0].Id);
    }

    [Fact]
    public async Task Preflight_WithoutCredentials_AllowedAndRefused()
    {
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = _bucket, Configuration = Rules() });
        var url = $"{E2ESettings.Current.EndpointText}/{_bucket}/cors/preflight";

        using (var allowed = await PreflightAsync(url, App, "PUT", "Content-Type, X-Amz-Meta-A"))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
            Assert.Equal(App, Header(allowed, "Access-Control-Allow-Origin"));
            Assert.Equal("GET, PUT", Header(allowed, "Access-Control-Allow-Methods"));
            Assert.Equal("120", Header(allowed, "Access-Control-Max-Age"));
            Assert.Equal("true", Header(allowed, "Access-Control-Allow-Credentials"));
        }

        using (var refused = await PreflightAsync(url, "http://evil.test", "PUT", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("<Code>AccessForbidden</Code>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(Header(refused, "Access-Control-Allow-Origin"));
        }

        using var headerNotAllowed = await PreflightAsync(url, App, "PUT", "x-custom");
        Assert.Equal(HttpStatusCode.Forbidden, headerNotAllowed.StatusCode);
    }

    [Fact]
    public async Task PresignedPutGetAndError_CarryTheHeadersOfTheMatchingRule()
    {
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = _bucket, Configuration = Rules() });
        var put = await PresignAsync("cors/obj", HttpVerb.PUT);
        using (var request = new HttpRequestMessage(HttpMethod.Put, put) { Content = new StringContent("from another origin") })
        {
            request.Headers.Add("Origin", App);
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(App, Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("ETag", Header(response, "Access-Control-Expose-Headers"));
        }

        using (var get = await GetWithOriginAsync(await PresignAsync("cors/obj", HttpVerb.GET), App))
        {
            Assert.Equal("from another origin", await get.Content.ReadAsStringAsync());
            Assert.Equal(App, Header(get, "Access-Control-Allow-Origin"));
        }

        using (var anyOrigin = await GetWithOriginAsync(await PresignAsync("cors/obj", HttpVerb.GET), "http://evil.test"))
        {
            Assert.Equal("*", Header(anyOrigin, "Access-Control-Allow-Origin"));
            Assert.Null(Header(anyOrigin, "Access-Control-Allow-Credentials"));
        }

        using var missing = await GetWithOriginAsync(await PresignAsync("cors/missing", HttpVerb.GET), App);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("<Code>NoSuchKey</Code>", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(App, Header(missing, "Access-Control-Allow-Origin"));
    }

    public void Dispose() => _http.Dispose();

    private Task PutAsync(CORSConfiguration configuration) =>
        _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = _bucket, Configuration = configuration });

    private Task<string> PresignAsync(string key, HttpVerb verb) => _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
    {
        BucketName = _bucket,
        Key = key,
        Verb = verb,
        Expires = DateTime.UtcNow.AddMinutes(10),
        Protocol = E2ESettings.Current.Endpoint.Scheme == "https" ? Protocol.HTTPS : Protocol.HTTP,
    });

    private async Task<HttpResponseMessage> PreflightAsync(string url, string origin, string method, string? headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> GetWithOriginAsync(string url, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", origin);
        return await _http.SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
