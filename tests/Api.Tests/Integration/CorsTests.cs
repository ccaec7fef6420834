using System.Net;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>Bucket CORS through AWSSDK.S3 and the preflight/actual-request headers as the wire shows them (docs/cors.md).</summary>
public sealed class CorsTests : IClassFixture<BleepStoreFactory>
{
    private const string NotAllowed = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

    private readonly BleepStoreFactory _factory;
    private readonly IAmazonS3 _s3;
    private readonly HttpClient _http;

    public CorsTests(BleepStoreFactory factory)
    {
        _factory = factory;
        _s3 = factory.CreateS3Client();
        _http = new HttpClient { BaseAddress = factory.BaseAddress };
    }

    private static CORSConfiguration Config() => new()
    {
        Rules =
        [
            new CORSRule
            {
                Id = "app",
                AllowedMethods = ["GET", "PUT", "HEAD"],
                AllowedOrigins = ["http://*.app.test"],
                AllowedHeaders = ["content-type", "x-amz-*"],
                ExposeHeaders = ["ETag", "x-amz-request-id"],
                MaxAgeSeconds = 600,
            },
            new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["*"] },
        ],
    };

    [Fact]
    public async Task PutGetDelete_RoundTripsRulesInOrder_AndMissingIsNoSuchCORSConfiguration()
    {
        var bucket = await CreateBucketAsync();
        var missing = await S3Assert.ErrorAsync(() => _s3.GetCORSConfigurationAsync(bucket), HttpStatusCode.NotFound, "NoSuchCORSConfiguration");
        Assert.Equal("The CORS configuration does not exist", missing.Message);

        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Config() });
        var rules = (await _s3.GetCORSConfigurationAsync(bucket)).Configuration.Rules;

        Assert.Equal(2, rules.Count);
        Assert.Equal(("app", 600), (rules[0].Id, rules[0].MaxAgeSeconds));
        Assert.Equal(["GET", "PUT", "HEAD"], rules[0].AllowedMethods);
        Assert.Equal(["content-type", "x-amz-*"], rules[0].AllowedHeaders);
        Assert.Equal(["ETag", "x-amz-request-id"], rules[0].ExposeHeaders);
        Assert.Equal(["*"], rules[1].AllowedOrigins);

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteCORSConfigurationAsync(bucket)).HttpStatusCode);
        await S3Assert.ErrorAsync(() => _s3.GetCORSConfigurationAsync(bucket), HttpStatusCode.NotFound, "NoSuchCORSConfiguration");
        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteCORSConfigurationAsync(bucket)).HttpStatusCode);
    }

    [Fact]
    public async Task Put_InvalidConfigurations_GetS3sErrors_AndChangeNothing()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Config() });

        var method = await S3Assert.ErrorAsync(() => PutAsync(bucket, new CORSRule { AllowedMethods = ["PATCH"], AllowedOrigins = ["*"] }), HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal("Found unsupported HTTP method in CORS config. Unsupported method is PATCH", method.Message);
        var origin = await S3Assert.ErrorAsync(() => PutAsync(bucket, new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["http://*.*.test"] }), HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal("AllowedOrigin \"http://*.*.test\" can not have more than one wildcard.", origin.Message);
        await S3Assert.ErrorAsync(() => PutAsync(bucket, [.. Enumerable.Range(0, 101).Select(_ => new CORSRule { AllowedMethods = ["GET"], AllowedOrigins = ["*"] })]), HttpStatusCode.BadRequest, "MalformedXML");

        Assert.Equal("app", (await _s3.GetCORSConfigurationAsync(bucket)).Configuration.Rules[0].Id);
    }

    [Fact]
    public async Task OtherAccount_CannotReadOrChangeTheConfiguration()
    {
        var bucket = await CreateBucketAsync();
        using var http = new HttpClient { BaseAddress = _factory.BaseAddress };

        using var anonymous = await http.GetAsync($"/{bucket}?cors");

        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        using var put = await http.PutAsync($"/{bucket}?cors", new StringContent("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        await S3Assert.ErrorAsync(() => _s3.GetCORSConfigurationAsync(bucket), HttpStatusCode.NotFound, "NoSuchCORSConfiguration");
    }

    [Fact]
    public async Task Preflight_MatchesFirstRule_HeadersCaseInsensitive_WithoutAuthentication()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Config() });

        using var ok = await PreflightAsync($"/{bucket}/some/key?X-Amz-Signature=junk", "http://web.app.test", "PUT", "Content-Type, X-Amz-Date");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("http://web.app.test", Header(ok, "Access-Control-Allow-Origin"));
        Assert.Equal("GET, PUT, HEAD", Header(ok, "Access-Control-Allow-Methods"));
        Assert.Equal("Content-Type, X-Amz-Date", Header(ok, "Access-Control-Allow-Headers"));
        Assert.Equal("ETag, x-amz-request-id", Header(ok, "Access-Control-Expose-Headers"));
        Assert.Equal("600", Header(ok, "Access-Control-Max-Age"));
        Assert.Equal("true", Header(ok, "Access-Control-Allow-Credentials"));
        Assert.Equal("Origin, Access-Control-Request-Headers, Access-Control-Request-Method", Header(ok, "Vary"));
        Assert.Equal(0, ok.Content.Headers.ContentLength);

        using var any = await PreflightAsync($"/{bucket}", "https://elsewhere.test", "GET", null);
        Assert.Equal(HttpStatusCode.OK, any.StatusCode);
        Assert.Equal("*", Header(any, "Access-Control-Allow-Origin"));
        Assert.Null(Header(any, "Access-Control-Allow-Credentials"));
        Assert.Null(Header(any, "Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Preflight_Refusals_AreS3sErrors()
    {
        var bucket = await CreateBucketAsync();
        using (var noConfig = await PreflightAsync($"/{bucket}/k", "http://web.app.test", "GET", null))
        {
            await AssertForbiddenAsync(noConfig, "CORSResponse: CORS is not enabled for this bucket.", "GET", "OBJECT");
        }

        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Config() });
        using (var origin = await PreflightAsync($"/{bucket}/k", "https://elsewhere.test", "PUT", null))
        {
            await AssertForbiddenAsync(origin, NotAllowed, "PUT", "OBJECT");
        }

        using (var header = await PreflightAsync($"/{bucket}", "http://web.app.test", "PUT", "authorization"))
        {
            await AssertForbiddenAsync(header, NotAllowed, "PUT", "BUCKET");
        }

        using (var noBucket = await PreflightAsync("/no-such-bucket-cors/k", "http://web.app.test", "GET", null))
        {
            await AssertForbiddenAsync(noBucket, "CORSResponse: Bucket not found", "GET", "OBJECT");
        }

        using (var noOrigin = await PreflightAsync($"/{bucket}/k", null, "GET", null))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noOrigin.StatusCode);
            var error = XDocument.Parse(await noOrigin.Content.ReadAsStringAsync()).Root!;
            Assert.Equal(("BadRequest", "Insufficient information. Origin request header needed."), (error.Element("Code")!.Value, error.Element("Message")!.Value));
        }

        using var noMethod = await PreflightAsync($"/{bucket}/k", "http://web.app.test", null, null);
        Assert.Equal(HttpStatusCode.BadRequest, noMethod.StatusCode);
        Assert.Equal("Invalid Access-Control-Request-Method: null", XDocument.Parse(await noMethod.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value);
    }

    [Fact]
    public async Task ActualRequests_CarryCorsHeaders_OnSuccessPresignedAndErrors_OnlyWithOriginAndMatch()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "hello" });
        var url = _s3.GetPreSignedURL(new GetPreSignedUrlRequest { BucketName = bucket, Key = "k", Expires = DateTime.UtcNow.AddMinutes(5), Protocol = Protocol.HTTP });

        using (var before = await GetAsync(url, "http://web.app.test"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
            Assert.Null(Header(before, "Access-Control-Allow-Origin"));
        }

        await _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = Config() });

        using (var presigned = await GetAsync(url, "http://web.app.test"))
        {
            Assert.Equal("hello", await presigned.Content.ReadAsStringAsync());
            Assert.Equal("http://web.app.test", Header(presigned, "Access-Control-Allow-Origin"));
            Assert.Equal("ETag, x-amz-request-id", Header(presigned, "Access-Control-Expose-Headers"));
            Assert.Equal("true", Header(presigned, "Access-Control-Allow-Credentials"));
            Assert.Equal("Origin, Access-Control-Request-Headers, Access-Control-Request-Method", Header(presigned, "Vary"));
        }

        using (var noOrigin = await GetAsync(url, null))
        {
            Assert.Null(Header(noOrigin, "Access-Control-Allow-Origin"));
        }

        using (var anonymousError = await GetAsync(new Uri(_factory.BaseAddress, $"/{bucket}/k").ToString(), "https://elsewhere.test"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, anonymousError.StatusCode);
            Assert.Equal("*", Header(anonymousError, "Access-Control-Allow-Origin"));
            Assert.Equal("GET", Header(anonymousError, "Access-Control-Allow-Methods"));
        }

        using (var missingKey = await GetAsync(url.Replace("/k?", "/nope?", StringComparison.Ordinal), "http://web.app.test"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, missingKey.StatusCode);
            Assert.Equal("http://web.app.test", Header(missingKey, "Access-Control-Allow-Origin"));
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/{bucket}/k");
        delete.Headers.Add("Origin", "http://web.app.test");
        using var notAllowedMethod = await _http.SendAsync(delete);
        Assert.Null(Header(notAllowedMethod, "Access-Control-Allow-Origin"));
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = S3Assert.NewBucket("cors");
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    private Task PutAsync(string bucket, params CORSRule[] rules) =>
        _s3.PutCORSConfigurationAsync(new PutCORSConfigurationRequest { BucketName = bucket, Configuration = new CORSConfiguration { Rules = [.. rules] } });

    private Task<HttpResponseMessage> PreflightAsync(string target, string? origin, string? method, string? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, target);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (method is not null)
        {
            request.Headers.Add("Access-Control-Request-Method", method);
        }

        if (headers is not null)
        {
            request.Headers.Add("Access-Control-Request-Headers", headers);
        }

        return _http.SendAsync(request);
    }

    private Task<HttpResponseMessage> GetAsync(string url, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return _http.SendAsync(request);
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string message, string method, string resourceType)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("AccessForbidden", error.Element("Code")!.Value);
        Assert.Equal(message, error.Element("Message")!.Value);
        Assert.Equal(method, error.Element("Method")!.Value);
        Assert.Equal(resourceType, error.Element("ResourceType")!.Value);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}

/// <summary>PutBucketCors documents the SDK would not send, raw, on an app with <c>auth.enabled: false</c>.</summary>
public sealed class CorsDocumentTests : IClassFixture<RawHttpTests.NoAuthFactory>
{
    private readonly HttpClient _http;

    public CorsDocumentTests(RawHttpTests.NoAuthFactory factory)
    {
        _http = factory.CreateClient();
    }

    [Theory]
    [InlineData("")]
    [InlineData("<CORSConfiguration/>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><MaxAgeSeconds>ten</MaxAgeSeconds></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><CORSRule><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin><Bogus/></CORSRule></CORSConfiguration>")]
    [InlineData("<CORSConfiguration><Other/></CORSConfiguration>")]
    [InlineData("<Nope/>")]
    [InlineData("<CORSConfiguration><CORS")]
    public async Task Put_MalformedDocument_IsMalformedXml_AndKeepsTheOldRules(string body)
    {
        var bucket = "cd-" + Guid.NewGuid().ToString("N")[..20];
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsync($"/{bucket}", null)).StatusCode);
        const string good = "<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule><ID>keep</ID><AllowedMethod>GET</AllowedMethod><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>";
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsync($"/{bucket}?cors", new StringContent(good))).StatusCode);

        using var response = await _http.PutAsync($"/{bucket}?cors", new StringContent(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MalformedXML", XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Code")!.Value);
        Assert.Contains("<ID>keep</ID>", await _http.GetStringAsync($"/{bucket}?cors"), StringComparison.Ordinal);
    }
}
