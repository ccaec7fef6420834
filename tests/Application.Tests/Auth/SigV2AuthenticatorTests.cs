using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Auth;

/// <summary>
/// Signature Version 2 against vectors computed outside this code: the examples of AWS's "Signing and
/// authenticating REST requests" page (key AKIAIOSFODNN7EXAMPLE), and strings signed with Python's hmac:
/// <c>base64.b64encode(hmac.new(secret, string_to_sign.encode(), hashlib.sha1).digest())</c>.
/// </summary>
public sealed class SigV2AuthenticatorTests
{
    private static readonly DateTimeOffset DocTime = new(2007, 3, 27, 19, 36, 42, TimeSpan.Zero);

    private readonly FakeCredentialStore _store = FakeCredentialStore.WithExampleKey();
    private readonly FakeClock _clock = new(DocTime);

    private SigV4Authenticator Authenticator() => new(_store, _clock, new SigV4Options());

    private static HttpRequestFacts Request(string method, string path, string query, Dictionary<string, string> headers, string? hostBucket = null) => new()
    {
        Method = method,
        RawPath = path,
        RawQuery = query,
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase),
        HostBucket = hostBucket,
        ContentLength = headers.TryGetValue("Content-Length", out var length) ? long.Parse(length, System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private Task<AuthOutcome> AuthenticateAsync(HttpRequestFacts request) => Authenticator().AuthenticateAsync(request, CancellationToken.None);

    private async Task<S3Exception> FailAsync(HttpRequestFacts request) =>
        await Assert.ThrowsAsync<S3Exception>(() => AuthenticateAsync(request));

    private static string Detail(S3Exception e, string name) => e.Details.Single(d => d.Key == name).Value;

    [Fact]
    public async Task Header_AwsDocObjectGet_VirtualHosted_Verifies()
    {
        // AWS doc: GET /photos/puppy.jpg, Host: awsexamplebucket1.s3.us-west-1.amazonaws.com.
        var request = Request("GET", "/photos/puppy.jpg", "", new()
        {
            ["Host"] = "awsexamplebucket1.s3.us-west-1.amazonaws.com",
            ["Date"] = "Tue, 27 Mar 2007 19:36:42 +0000",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=",
        }, hostBucket: "awsexamplebucket1");

        var outcome = await AuthenticateAsync(request);

        Assert.Equal(AuthScheme.HeaderV2, outcome.Scheme);
        Assert.True(outcome.SignatureVerified);
        Assert.Equal(TestSigner.AccessKey, outcome.AccessKeyId);
        Assert.Equal(TestSigner.AccessKey, outcome.Caller!.Id);
    }

    [Fact]
    public async Task Header_PathStyleObjectPutWithContentType_Verifies()
    {
        _clock.UtcNow = new DateTimeOffset(2007, 3, 27, 21, 15, 45, TimeSpan.Zero);
        var request = Request("PUT", "/awsexamplebucket1/photos/puppy.jpg", "", new()
        {
            ["Content-Type"] = "image/jpeg",
            ["Content-Length"] = "94328",
            ["Date"] = "Tue, 27 Mar 2007 21:15:45 +0000",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:iqRzw+ileNPu1fhspnRs8nOjjIA=",
        });

        Assert.True((await AuthenticateAsync(request)).SignatureVerified);
    }

    [Theory]
    [InlineData("/awsexamplebucket1")]
    [InlineData("/awsexamplebucket1/")]
    public async Task Header_BucketRequest_SignedAsBucketWithSlash_Verifies(string path)
    {
        // botocore signs "/bucket/" for a path-style request to "/bucket", as AWS defines the resource of a bucket.
        _clock.UtcNow = new DateTimeOffset(2007, 3, 27, 19, 44, 46, TimeSpan.Zero);
        var request = Request("GET", path, "acl", new()
        {
            ["Date"] = "Tue, 27 Mar 2007 19:44:46 +0000",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:82ZHiFIjc+WbcwFKGUVEQspPn+0=",
        });

        Assert.True((await AuthenticateAsync(request)).SignatureVerified);
    }

    [Fact]
    public async Task Header_AmzDateWins_DateLineEmpty_AmzHeadersCanonicalized()
    {
        // DELETE with both Date and x-amz-date: x-amz-date is signed among the x-amz-* headers and the Date line is empty.
        _clock.UtcNow = new DateTimeOffset(2007, 3, 27, 21, 20, 26, TimeSpan.Zero);
        var request = Request("DELETE", "/awsexamplebucket1/photos/puppy.jpg", "", new()
        {
            ["Date"] = "Tue, 27 Mar 2007 21:20:27 +0000",
            ["X-Amz-Date"] = "Tue, 27 Mar 2007 21:20:26 +0000",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:Ri1hpB1zpS9pGqR7y8kuNFCl4sE=",
        });

        Assert.True((await AuthenticateAsync(request)).SignatureVerified);
    }

    [Fact]
    public async Task Header_ContentMd5_RepeatedAndMixedCaseAmzHeaders_Verifies()
    {
        // AWS doc upload example (bucket named by Host); repeated X-Amz-Meta-ReviewedBy values joined with ",".
        _clock.UtcNow = new DateTimeOffset(2007, 3, 27, 21, 6, 8, TimeSpan.Zero);
        var request = Request("PUT", "/db-backup.dat.gz", "", new()
        {
            ["Date"] = "Tue, 27 Mar 2007 21:06:08 +0000",
            ["x-amz-acl"] = "public-read",
            ["content-type"] = "application/x-download",
            ["Content-MD5"] = "4gJE4saaMU4BqNR0kLY+lw==",
            ["X-Amz-Meta-ReviewedBy"] = "joe@example.com,jane@example.com",
            ["X-Amz-Meta-FileChecksum"] = " 0x02661779 ",
            ["X-Amz-Meta-ChecksumAlgorithm"] = "crc32",
            ["Content-Disposition"] = "attachment; filename=database.dat",
            ["Content-Encoding"] = "gzip",
            ["Content-Length"] = "5913339",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:jtBQa0Aq+DkULFI8qrpwIjGEx0E=",
        }, hostBucket: "static.example.com");

        Assert.True((await AuthenticateAsync(request)).SignatureVerified);
    }

    [Fact]
    public async Task Header_WrongSignature_SignatureDoesNotMatchWithStringToSignAndBytes()
    {
        var request = Request("GET", "/awsexamplebucket1/photos/puppy.jpg", "", new()
        {
            ["Date"] = "Tue, 27 Mar 2007 19:36:42 +0000",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:AAAA+6Sv9/oM7G3qLEjTH1a1l1g=",
        });

        var e = await FailAsync(request);

        Assert.Equal(S3Errors.SignatureDoesNotMatch, e.Error);
        Assert.Equal("GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg", Detail(e, "StringToSign"));
        Assert.StartsWith("47 45 54 0a 0a 0a 54 75 65", Detail(e, "StringToSignBytes"), StringComparison.Ordinal);
        Assert.Equal("AAAA+6Sv9/oM7G3qLEjTH1a1l1g=", Detail(e, "SignatureProvided"));
        Assert.Equal(TestSigner.AccessKey, Detail(e, "AWSAccessKeyId"));
    }

    [Fact]
    public async Task Header_UnknownKey_SkewedDate_MissingDate_Malformed_AreS3Errors()
    {
        var unknown = await FailAsync(Request("GET", "/b/k", "", new() { ["Date"] = "Tue, 27 Mar 2007 19:36:42 +0000", ["Authorization"] = "AWS NOPE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=" }));
        Assert.Equal(S3Errors.InvalidAccessKeyId, unknown.Error);

        var skewed = await FailAsync(Request("GET", "/b/k", "", new() { ["Date"] = "Tue, 27 Mar 2007 19:00:00 +0000", ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:x" }));
        Assert.Equal(S3Errors.RequestTimeTooSkewed, skewed.Error);

        var noDate = await FailAsync(Request("GET", "/b/k", "", new() { ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:x" }));
        Assert.Equal((S3Errors.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header"), (noDate.Error, noDate.Message));

        var malformed = await FailAsync(Request("GET", "/b/k", "", new() { ["Date"] = "Tue, 27 Mar 2007 19:36:42 +0000", ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE" }));
        Assert.Equal(S3Errors.InvalidArgument, malformed.Error);
    }

    [Fact]
    public async Task Query_AwsDocPresignedGet_VerifiesUntilExpires()
    {
        // AWS doc: GET /photos/puppy.jpg?AWSAccessKeyId=…&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620, bucket johnsmith by Host.
        var request = Request("GET", "/photos/puppy.jpg", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620", new(), hostBucket: "johnsmith");
        _clock.UtcNow = DateTimeOffset.FromUnixTimeSeconds(1175139620);

        var outcome = await AuthenticateAsync(request);

        Assert.Equal(AuthScheme.PresignedV2, outcome.Scheme);
        Assert.Equal(TestSigner.AccessKey, outcome.Caller!.Id);

        _clock.UtcNow = DateTimeOffset.FromUnixTimeSeconds(1175139621);
        var expired = await FailAsync(request);
        Assert.Equal((S3Errors.AccessDenied, "Request has expired"), (expired.Error, expired.Message));
        Assert.Equal("2007-03-29T03:40:20Z", Detail(expired, "Expires"));
    }

    [Fact]
    public async Task Query_SubResourcesAndOverridesSortedAndDecoded_OtherParametersNotSigned()
    {
        _clock.UtcNow = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var request = Request(
            "GET",
            "/bucket/obj%20key",
            "versionId=v1&x-id=GetObject&uploadId=abc%2F%2Bd&response-content-type=text%2Fhtml&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1893456000&Signature=LggWI3DNRFbaOoFFlBgYJYF0zhE%3D",
            new());

        Assert.True((await AuthenticateAsync(request)).SignatureVerified);
    }

    [Fact]
    public async Task Query_MissingParameter_BadExpires_AndBothMechanisms_AreS3Errors()
    {
        var missing = await FailAsync(Request("GET", "/b/k", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x", new()));
        Assert.Equal((S3Errors.AccessDenied, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters"), (missing.Error, missing.Message));

        var badExpires = await FailAsync(Request("GET", "/b/k", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x&Expires=soon", new()));
        Assert.Equal(S3Errors.AccessDenied, badExpires.Error);

        var both = await FailAsync(Request("GET", "/b/k", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x&Expires=1893456000", new() { ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:x" }));
        Assert.Equal(S3Errors.InvalidArgument, both.Error);
    }

    [Fact]
    public async Task Header_AmzDateInIsoForm_SignedInAmzHeaders_PartUploadQuery()
    {
        _clock.UtcNow = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var request = Request("PUT", "/bucket/k", "partNumber=2&uploadId=u1", new()
        {
            ["x-amz-date"] = "20261202T120000Z",
            ["Content-Length"] = "5",
            ["Authorization"] = "AWS AKIAIOSFODNN7EXAMPLE:t0Xx0GBkx0cz1Y5ZC6D+sNHXdk0=",
        });

        var outcome = await AuthenticateAsync(request);

        Assert.True(outcome.SignatureVerified);
        Assert.Equal(PayloadMode.Unsigned, outcome.PayloadMode);
    }
}
