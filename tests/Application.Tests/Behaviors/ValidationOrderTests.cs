using BleepStore.Application.Abstractions;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Application.Tests.Behaviors;

/// <summary>
/// Input checks run after authentication, and an anonymous caller without access hears AccessDenied
/// (or NoSuchBucket, as the handler would say) before it hears which argument was wrong.
/// </summary>
public sealed class ValidationOrderTests
{
    private static readonly Owner Alice = new("alice", "alice");

    private static IMediator Build()
    {
        var store = new TestMetadataStore();
        store.AddBucket("private", Alice);
        store.AddBucket("public", Alice, CannedAcl.Expand("public-read", Alice));
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IMetadataStore>(store);
        services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        services.AddSingleton(NSubstitute.Substitute.For<ICredentialStore>()); // knows no access key
        services.AddBleepStoreApplication(new S3Options());
        return services.BuildServiceProvider().GetRequiredService<IMediator>();
    }

    private static S3RequestContext Http(string method, string path, Dictionary<string, string>? extra = null)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = "localhost" };
        foreach (var (k, v) in extra ?? [])
        {
            headers[k] = v;
        }

        return new S3RequestContext { Http = new HttpRequestFacts { Method = method, RawPath = path, RawQuery = "", Headers = headers } };
    }

    private static S3RequestContext Unsigned(string method, string path) => Http(method, path);

    private static S3RequestContext BadSignature(string method, string path) => Http(method, path, new()
    {
        ["x-amz-date"] = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'"),
        ["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD",
        ["authorization"] = $"AWS4-HMAC-SHA256 Credential=nobody/{DateTimeOffset.UtcNow:yyyyMMdd}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={new string('0', 64)}",
    });

    private static async Task<S3Exception> SendAsync<T>(IS3Request<T> request) =>
        await Assert.ThrowsAsync<S3Exception>(() => Build().Send(request));

    [Fact]
    public async Task Send_UnsignedBadMaxKeysOnPrivateBucket_AccessDeniedNot400()
    {
        var ex = await SendAsync(new ListObjectsV2Query(Unsigned("GET", "/private"), "private", RawMaxKeys: "x"));
        Assert.Equal("AccessDenied", ex.Error.Code);
        Assert.Equal(403, ex.Error.HttpStatus);
    }

    [Fact]
    public async Task Send_UnsignedBadMaxKeysOnMissingBucket_NoSuchBucket()
    {
        var ex = await SendAsync(new ListObjectsV2Query(Unsigned("GET", "/missing"), "missing", RawMaxKeys: "x"));
        Assert.Equal("NoSuchBucket", ex.Error.Code);
    }

    [Fact]
    public async Task Send_UnsignedBadMaxKeysOnPublicBucket_InvalidArgument()
    {
        var ex = await SendAsync(new ListObjectsV2Query(Unsigned("GET", "/public"), "public", RawMaxKeys: "x"));
        Assert.Equal("InvalidArgument", ex.Error.Code);
        Assert.Contains(new KeyValuePair<string, string>("ArgumentValue", "x"), ex.Details);
    }

    [Fact]
    public async Task Send_BadSignatureAndBadMaxKeys_SignatureErrorFirst()
    {
        var ex = await SendAsync(new ListObjectsV2Query(BadSignature("GET", "/public"), "public", RawMaxKeys: "x"));
        Assert.Equal("InvalidAccessKeyId", ex.Error.Code);
    }

    [Fact]
    public async Task Send_UnsignedBadMaxPartsOnPrivateBucket_TheHandlersLookupErrorNot400()
    {
        // As the handler would answer an anonymous caller: the upload is looked up before the bucket's ACL.
        var ex = await SendAsync(new ListPartsQuery(Unsigned("GET", "/private/k"), "private", "k", "u", RawMaxParts: "x"));
        Assert.Equal("NoSuchUpload", ex.Error.Code);
    }

    [Fact]
    public async Task Send_TrustedBadMaxKeys_InvalidArgumentBeforeTheBucketIsLookedUp()
    {
        var ex = await SendAsync(new ListObjectsV2Query(S3RequestContext.Trusted(Alice), "missing", RawMaxKeys: "x"));
        Assert.Equal("InvalidArgument", ex.Error.Code);
    }

    [Fact]
    public async Task Send_TrustedCompleteWithEmptyUploadIdOnMissingBucket_InvalidArgumentFirst()
    {
        var ex = await SendAsync(new CompleteMultipartUploadCommand
        {
            Context = S3RequestContext.Trusted(Alice), Bucket = "missing", Key = "k", UploadId = "",
            Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([]),
        });
        Assert.Equal("InvalidArgument", ex.Error.Code);
        Assert.Contains(new KeyValuePair<string, string>("ArgumentName", "uploadId"), ex.Details);
    }

    [Fact]
    public async Task Send_UnsignedCompleteWithEmptyUploadIdOnPublicReadBucket_AccessDenied()
    {
        var ex = await SendAsync(new CompleteMultipartUploadCommand
        {
            Context = Unsigned("POST", "/public/k"), Bucket = "public", Key = "k", UploadId = "",
            Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([]),
        });
        Assert.Equal("AccessDenied", ex.Error.Code);
    }

    [Theory]
    [InlineData("private/k", "MOVE", null, "x-amz-metadata-directive")]
    [InlineData("private/k", null, "copy", "x-amz-tagging-directive")]
    [InlineData("nokey", "REPLACE", null, "x-amz-copy-source")]
    public async Task Send_TrustedCopyWithBadArgumentToMissingBucket_InvalidArgumentBeforeAnyLookup(string source, string? metadata, string? tagging, string argument)
    {
        var ex = await SendAsync(new CopyObjectCommand
        {
            Context = S3RequestContext.Trusted(Alice), Bucket = "missing", Key = "k", CopySource = source,
            MetadataDirective = metadata, TaggingDirective = tagging,
        });
        Assert.Equal("InvalidArgument", ex.Error.Code);
        Assert.Contains(new KeyValuePair<string, string>("ArgumentName", argument), ex.Details);
    }

    [Fact]
    public async Task Send_UnsignedCopyWithBadDirectiveIntoPublicReadBucket_AccessDenied()
    {
        var ex = await SendAsync(new CopyObjectCommand { Context = Unsigned("PUT", "/public/k2"), Bucket = "public", Key = "k2", CopySource = "public/k", MetadataDirective = "MOVE" });
        Assert.Equal("AccessDenied", ex.Error.Code);
    }
}
