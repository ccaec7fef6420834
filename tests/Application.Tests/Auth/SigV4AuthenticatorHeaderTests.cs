using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Auth;

public sealed class SigV4AuthenticatorHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCredentialStore _store = FakeCredentialStore.WithExampleKey();
    private readonly FakeClock _clock = new(Now);

    private SigV4Authenticator Authenticator(SigV4Options? options = null) => new(_store, _clock, options ?? new SigV4Options());

    private static Dictionary<string, string> NoHeaders() => new(StringComparer.OrdinalIgnoreCase);

    private static HttpRequestFacts WithHeader(HttpRequestFacts request, string name, string? value)
    {
        var headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase);
        if (value is null)
        {
            headers.Remove(name);
        }
        else
        {
            headers[name] = value;
        }

        return new HttpRequestFacts { Method = request.Method, RawPath = request.RawPath, RawQuery = request.RawQuery, Headers = headers, ContentLength = request.ContentLength };
    }

    private async Task<string> ErrorCodeAsync(HttpRequestFacts request, SigV4Options? options = null)
    {
        var error = await Assert.ThrowsAsync<S3Exception>(() => Authenticator(options).AuthenticateAsync(request, CancellationToken.None));
        return error.Error.Code;
    }

    [Fact]
    public async Task AuthenticateAsync_RoundTripWithKeyAndQueryNeedingEncoding_Verifies()
    {
        var signed = TestSigner.SignHeader(
            "GET",
            "/bucket/dir/ä b+c$(1)*~.txt",
            [("prefix", "a b/ü"), ("list-type", "2"), ("delimiter", "/"), ("acl", "")],
            new Dictionary<string, string> { ["Range"] = "bytes=0-9", ["X-Amz-Meta-Note"] = "  two   spaces  " },
            TestSigner.EmptySha256,
            Now);

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
        Assert.Equal(AuthScheme.Header, outcome.Scheme);
        Assert.False(outcome.AuthDisabled);
        Assert.Equal(TestSigner.AccessKey, outcome.Caller!.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_AnyRegionInScope_VerifiesWithThatRegion()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, region: "eu-west-3");

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_NoSpacesAfterCommas_Verifies()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);
        var compact = signed.Facts.Headers["Authorization"].Replace(", ", ",", StringComparison.Ordinal);

        var outcome = await Authenticator().AuthenticateAsync(WithHeader(signed.Facts, "Authorization", compact), CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_DateHeaderInsteadOfXAmzDate_Verifies()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, useDateHeader: true);

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.False(signed.Facts.Headers.ContainsKey("x-amz-date"));
        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_NoAuthorization_ReturnsAnonymous()
    {
        var request = new HttpRequestFacts { Method = "GET", RawPath = "/bucket/key", RawQuery = "", Headers = NoHeaders() };

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.Equal(AuthScheme.Anonymous, outcome.Scheme);
        Assert.Null(outcome.Caller);
        Assert.False(outcome.SignatureVerified);
        Assert.Equal(PayloadMode.Empty, outcome.PayloadMode);
    }

    [Fact]
    public async Task AuthenticateAsync_Disabled_ReturnsDisabledOutcomeWithoutChecks()
    {
        var request = new HttpRequestFacts
        {
            Method = "GET",
            RawPath = "/bucket",
            RawQuery = "",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = "garbage" },
        };

        var outcome = await Authenticator(new SigV4Options(Enabled: false)).AuthenticateAsync(request, CancellationToken.None);

        Assert.True(outcome.AuthDisabled);
        Assert.Equal(AuthScheme.Disabled, outcome.Scheme);
        Assert.Null(outcome.Caller);
    }

    [Fact]
    public async Task AuthenticateAsync_BothHeaderAndPresigned_ThrowsInvalidArgument()
    {
        var presigned = TestSigner.Presign("GET", "/bucket/key", Now, 60);
        var request = WithHeader(presigned, "Authorization", "AWS4-HMAC-SHA256 Credential=x");

        Assert.Equal("InvalidArgument", await ErrorCodeAsync(request));
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3/aws4_request, SignedHeaders=host")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3, SignedHeaders=host, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3/aws5_request, SignedHeaders=host, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/ec2/aws4_request, SignedHeaders=host, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3/aws4_request, SignedHeaders=x-amz-date, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250301/us-east-1/s3/aws4_request, Bogus=1, SignedHeaders=host, Signature=abc")]
    [InlineData("AWS4-HMAC-SHA256Credential=x")]
    public async Task AuthenticateAsync_MalformedAuthorization_ThrowsAccessDenied(string authorization)
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);

        Assert.Equal("AccessDenied", await ErrorCodeAsync(WithHeader(signed.Facts, "Authorization", authorization)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-03-01T12:00:00Z")]
    public async Task AuthenticateAsync_MissingOrUnparsableTimestamp_ThrowsAccessDenied(string? amzDate)
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);

        Assert.Equal("AccessDenied", await ErrorCodeAsync(WithHeader(signed.Facts, "x-amz-date", amzDate)));
    }

    [Fact]
    public async Task AuthenticateAsync_ScopeDateDiffersFromTimestamp_ThrowsSignatureDoesNotMatch()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);
        var auth = signed.Facts.Headers["Authorization"].Replace("/20250301/", "/20250228/", StringComparison.Ordinal);

        Assert.Equal("SignatureDoesNotMatch", await ErrorCodeAsync(WithHeader(signed.Facts, "Authorization", auth)));
    }

    [Theory]
    [InlineData(-901)]
    [InlineData(901)]
    public async Task AuthenticateAsync_ClockSkewOver900Seconds_ThrowsRequestTimeTooSkewed(int offsetSeconds)
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);
        _clock.UtcNow = Now.AddSeconds(offsetSeconds);

        var error = await Assert.ThrowsAsync<S3Exception>(() => Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None));

        Assert.Equal("RequestTimeTooSkewed", error.Error.Code);
        Assert.Equal(403, error.Error.HttpStatus);
    }

    [Theory]
    [InlineData(-900)]
    [InlineData(900)]
    public async Task AuthenticateAsync_ClockSkewExactly900Seconds_Verifies(int offsetSeconds)
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);
        _clock.UtcNow = Now.AddSeconds(offsetSeconds);

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_ThrowsInvalidAccessKeyId()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, accessKey: "AKIDUNKNOWN");

        Assert.Equal("InvalidAccessKeyId", await ErrorCodeAsync(signed.Facts));
    }

    [Fact]
    public async Task AuthenticateAsync_InactiveKey_ThrowsInvalidAccessKeyId()
    {
        _store.Add("AKIDINACTIVE", "secret", active: false);
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, accessKey: "AKIDINACTIVE", secret: "secret");

        Assert.Equal("InvalidAccessKeyId", await ErrorCodeAsync(signed.Facts));
    }

    [Fact]
    public async Task AuthenticateAsync_WrongSecret_ThrowsSignatureDoesNotMatchWithDetails()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, secret: "not-the-secret");

        var error = await Assert.ThrowsAsync<S3Exception>(() => Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None));

        Assert.Equal("SignatureDoesNotMatch", error.Error.Code);
        Assert.Contains(error.Details, d => d.Key == "CanonicalRequest" && d.Value.StartsWith("GET\n/bucket\n", StringComparison.Ordinal));
        Assert.Contains(error.Details, d => d.Key == "SignatureProvided" && d.Value == signed.Signature);
    }

    [Fact]
    public async Task AuthenticateAsync_SignedHeaderChanged_ThrowsSignatureDoesNotMatch()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, new Dictionary<string, string> { ["Range"] = "bytes=0-9" }, TestSigner.EmptySha256, Now);

        Assert.Equal("SignatureDoesNotMatch", await ErrorCodeAsync(WithHeader(signed.Facts, "Range", "bytes=0-10")));
    }

    [Theory]
    [InlineData("not a date")]
    [InlineData("Sat, 01 Jan 2000 00:00:00 GMT")] // far outside the 15-minute window
    public async Task AuthenticateAsync_BothDateAndXAmzDate_XAmzDateWinsAndDateIsNotValidated(string date)
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);

        var outcome = await Authenticator().AuthenticateAsync(WithHeader(signed.Facts, "Date", date), CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_UnsignedHeaderAdded_Verifies()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);

        var outcome = await Authenticator().AuthenticateAsync(WithHeader(signed.Facts, "User-Agent", "test"), CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_BadContentSha256Value_ThrowsInvalidArgument()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, NoHeaders(), "not-a-hash", Now, contentLength: 3);

        Assert.Equal("InvalidArgument", await ErrorCodeAsync(signed.Facts));
    }

    [Fact]
    public async Task AuthenticateAsync_UnsignedPayload_VerifiesWithUnsignedMode()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, NoHeaders(), "UNSIGNED-PAYLOAD", Now, contentLength: 3);

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
        Assert.Equal(PayloadMode.Unsigned, outcome.PayloadMode);
    }

    [Fact]
    public async Task AuthenticateAsync_NoContentSha256AndNoBody_SignsEmptyHash()
    {
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now, sendPayloadHashHeader: false);

        var outcome = await Authenticator().AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
        Assert.Equal(PayloadMode.Empty, outcome.PayloadMode);
    }

    [Fact]
    public async Task AuthenticateAsync_RepeatedRequests_LooksUpCredentialOnceWithin60Seconds()
    {
        var auth = Authenticator();
        var signed = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now);

        await auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        await auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        _clock.UtcNow = Now.AddSeconds(61);
        var later = TestSigner.SignHeader("GET", "/bucket", null, NoHeaders(), TestSigner.EmptySha256, Now.AddSeconds(61));
        await auth.AuthenticateAsync(later.Facts, CancellationToken.None);

        Assert.Equal(2, _store.Lookups);
    }
}
