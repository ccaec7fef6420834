using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Auth;

public sealed class SigV4AuthenticatorPresignedTests
{
    private static readonly DateTimeOffset SignedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeCredentialStore _store = FakeCredentialStore.WithExampleKey();
    private readonly FakeClock _clock = new(SignedAt);

    private SigV4Authenticator Authenticator() => new(_store, _clock, new SigV4Options());

    private static HttpRequestFacts WithQuery(HttpRequestFacts request, Func<string, string> edit) => new()
    {
        Method = request.Method,
        RawPath = request.RawPath,
        RawQuery = edit(request.RawQuery),
        Headers = request.Headers,
    };

    private async Task<S3Exception> FailAsync(HttpRequestFacts request) =>
        await Assert.ThrowsAsync<S3Exception>(() => Authenticator().AuthenticateAsync(request, CancellationToken.None));

    [Fact]
    public async Task AuthenticateAsync_ValidPresignedPutWithExtraParameters_Verifies()
    {
        var request = TestSigner.Presign("PUT", "/bucket/a key+1.txt", SignedAt, 3600, [("x-id", "PutObject"), ("X-Amz-Security-Token", "tok/en=")]);
        _clock.UtcNow = SignedAt.AddMinutes(30);

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.Equal(AuthScheme.Presigned, outcome.Scheme);
        Assert.True(outcome.SignatureVerified);
        Assert.Equal(TestSigner.AccessKey, outcome.Caller!.Id);
    }

    [Fact]
    public async Task AuthenticateAsync_OlderThanSkewButNotExpired_Verifies()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 604800);
        _clock.UtcNow = SignedAt.AddDays(6);

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_Expired_ThrowsAccessDeniedRequestHasExpired()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 60);
        _clock.UtcNow = SignedAt.AddSeconds(61);

        var error = await FailAsync(request);

        Assert.Equal("AccessDenied", error.Error.Code);
        Assert.Equal("Request has expired", error.Message);
    }

    [Fact]
    public async Task AuthenticateAsync_FutureDatedBeyondSkew_ThrowsAccessDenied()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 3600);
        _clock.UtcNow = SignedAt.AddSeconds(-901);

        var error = await FailAsync(request);

        Assert.Equal("AccessDenied", error.Error.Code);
    }

    [Fact]
    public async Task AuthenticateAsync_FutureDatedWithinSkew_Verifies()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 3600);
        _clock.UtcNow = SignedAt.AddSeconds(-900);

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(604801)]
    public async Task AuthenticateAsync_ExpiresOutOfRange_ThrowsAuthorizationQueryParametersError(int expires)
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, expires);

        var error = await FailAsync(request);

        Assert.Equal("AuthorizationQueryParametersError", error.Error.Code);
        Assert.Equal(400, error.Error.HttpStatus);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiresNotANumber_ThrowsAuthorizationQueryParametersError()
    {
        var request = WithQuery(TestSigner.Presign("GET", "/bucket/key", SignedAt, 60), q => q.Replace("X-Amz-Expires=60", "X-Amz-Expires=soon", StringComparison.Ordinal));

        Assert.Equal("AuthorizationQueryParametersError", (await FailAsync(request)).Error.Code);
    }

    [Theory]
    [InlineData("X-Amz-Credential")]
    [InlineData("X-Amz-Date")]
    [InlineData("X-Amz-Expires")]
    [InlineData("X-Amz-SignedHeaders")]
    [InlineData("X-Amz-Signature")]
    public async Task AuthenticateAsync_MissingParameter_ThrowsAuthorizationQueryParametersError(string parameter)
    {
        var request = WithQuery(
            TestSigner.Presign("GET", "/bucket/key", SignedAt, 60),
            q => string.Join('&', q.Split('&').Where(p => !p.StartsWith(parameter + "=", StringComparison.Ordinal))));

        Assert.Equal("AuthorizationQueryParametersError", (await FailAsync(request)).Error.Code);
    }

    [Theory]
    [InlineData("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA1")]
    [InlineData("%2Fs3%2Faws4_request", "%2Fs3")]
    [InlineData("%2Fs3%2F", "%2Fsqs%2F")]
    [InlineData("X-Amz-Date=20250301T120000Z", "X-Amz-Date=2025-03-01")]
    [InlineData("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date")]
    public async Task AuthenticateAsync_BadParameter_ThrowsAuthorizationQueryParametersError(string from, string to)
    {
        var request = WithQuery(TestSigner.Presign("GET", "/bucket/key", SignedAt, 60), q => q.Replace(from, to, StringComparison.Ordinal));

        Assert.Equal("AuthorizationQueryParametersError", (await FailAsync(request)).Error.Code);
    }

    [Fact]
    public async Task AuthenticateAsync_ScopeDateDiffers_ThrowsSignatureDoesNotMatch()
    {
        var request = WithQuery(TestSigner.Presign("GET", "/bucket/key", SignedAt, 60), q => q.Replace("%2F20250301%2F", "%2F20250302%2F", StringComparison.Ordinal));

        Assert.Equal("SignatureDoesNotMatch", (await FailAsync(request)).Error.Code);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownKey_ThrowsInvalidAccessKeyId()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 60, accessKey: "AKIDNOBODY");

        Assert.Equal("InvalidAccessKeyId", (await FailAsync(request)).Error.Code);
    }

    [Fact]
    public async Task AuthenticateAsync_TamperedPath_ThrowsSignatureDoesNotMatch()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 60);
        var tampered = new HttpRequestFacts { Method = "GET", RawPath = "/bucket/other", RawQuery = request.RawQuery, Headers = request.Headers };

        Assert.Equal("SignatureDoesNotMatch", (await FailAsync(tampered)).Error.Code);
    }

    [Fact]
    public async Task AuthenticateAsync_ExpiryCheckedBeforeKey_ExpiredUnknownKeyIsAccessDenied()
    {
        var request = TestSigner.Presign("GET", "/bucket/key", SignedAt, 60, accessKey: "AKIDNOBODY");
        _clock.UtcNow = SignedAt.AddHours(1);

        Assert.Equal("AccessDenied", (await FailAsync(request)).Error.Code);
    }
}
