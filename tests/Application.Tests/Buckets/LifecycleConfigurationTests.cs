using BleepStore.Application.Buckets.DeleteBucketLifecycle;
using BleepStore.Application.Buckets.GetBucketLifecycleConfiguration;
using BleepStore.Application.Buckets.PutBucketLifecycleConfiguration;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;
using BleepStore.Domain.Lifecycle;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

/// <summary>Put/Get/DeleteBucketLifecycleConfiguration handlers and the validator, on the in-memory store.</summary>
public sealed class LifecycleConfigurationTests
{
    private static readonly LifecycleRule Expire = new("expire", true, LifecycleFilter.All, new LifecycleExpiration(1, null, null), null, null);

    private readonly ObjectHandlerFixture _f = new();

    private Task Put(IReadOnlyList<LifecycleRule> rules, Owner? caller = null) =>
        new PutBucketLifecycleConfigurationHandler(_f.Store).Handle(new PutBucketLifecycleConfigurationCommand(As(caller ?? Alice), Bucket, RequestDocument<IReadOnlyList<LifecycleRule>>.FromValue(rules)), default);

    private Task<IReadOnlyList<LifecycleRule>> Get(Owner? caller = null) =>
        new GetBucketLifecycleConfigurationHandler(_f.Store).Handle(new GetBucketLifecycleConfigurationQuery(As(caller ?? Alice), Bucket), default);

    [Fact]
    public async Task PutGetDelete_RoundTrip_UnsetIsNoSuchLifecycleConfiguration()
    {
        var missing = await S3Assert.ThrowsAsync("NoSuchLifecycleConfiguration", () => Get());
        Assert.Equal("The lifecycle configuration does not exist", missing.Message);

        await Put([Expire]);
        Assert.Equal("expire", Assert.Single(await Get()).Id);

        await new DeleteBucketLifecycleHandler(_f.Store).Handle(new DeleteBucketLifecycleCommand(Context, Bucket), default);
        await S3Assert.ThrowsAsync("NoSuchLifecycleConfiguration", () => Get());
    }

    [Fact]
    public async Task Put_InvalidRules_ErrorAndKeepsTheOldConfiguration()
    {
        await Put([Expire]);
        await S3Assert.ThrowsAsync("InvalidArgument", () => Put([Expire with { Expiration = new LifecycleExpiration(0, null, null) }]));
        Assert.Equal(1, Assert.Single(await Get()).Expiration!.Days);
    }

    [Fact]
    public async Task NotTheOwner_AccessDenied_NothingChanged()
    {
        await S3Assert.ThrowsAsync("AccessDenied", () => Put([Expire], Bob));
        await S3Assert.ThrowsAsync("AccessDenied", () => Get(Bob));
        await S3Assert.ThrowsAsync("NoSuchLifecycleConfiguration", () => Get());
        await S3Assert.ThrowsAsync("NoSuchBucket", () => new GetBucketLifecycleConfigurationHandler(_f.Store).Handle(new GetBucketLifecycleConfigurationQuery(Context, "other"), default));
    }

    [Fact]
    public void Validator_HttpRequestWithoutDigest_InvalidRequest_WithMd5OrChecksum_Passes()
    {
        var validator = new PutBucketLifecycleConfigurationValidator();
        PutBucketLifecycleConfigurationCommand Command(Dictionary<string, string> headers) => new(
            new S3RequestContext { Http = new HttpRequestFacts { Method = "PUT", RawPath = "/bkt", RawQuery = "lifecycle", Headers = headers } }, Bucket,
            new RequestDocument<IReadOnlyList<LifecycleRule>>(Stream.Null, 0, (_, _) => ValueTask.FromResult<IReadOnlyList<LifecycleRule>>([])) { IntegrityHeaders = headers });

        ValidatorAssert.Fails(validator, Command([]), "InvalidRequest", "Missing required header for this request: Content-MD5");
        ValidatorAssert.Passes(validator, Command(new() { ["content-md5"] = "x" }));
        ValidatorAssert.Passes(validator, Command(new() { ["x-amz-checksum-crc32"] = "x" }));
        ValidatorAssert.Skips(validator, new PutBucketLifecycleConfigurationCommand(Context, Bucket, RequestDocument<IReadOnlyList<LifecycleRule>>.FromValue([])));
    }

    [Fact]
    public void ExpirationHeader_S3Format_RuleIdUrlEncoded_NoneForMarkersOrUnmatched()
    {
        var bucket = new BleepStore.Domain.Buckets.Bucket(Bucket, "us-east-1", Alice, AccessControlList.Private(Alice), DateTimeOffset.UnixEpoch)
        {
            Lifecycle = [new LifecycleRule("expire logs/a", true, new LifecycleFilter(LifecycleFilterShape.Prefix, "logs/", [], null, null), new LifecycleExpiration(3, null, null), null, null)],
        };
        var obj = new BleepStore.Domain.Objects.ObjectRecord
        {
            Bucket = Bucket, Key = "logs/x", Size = 1, ETag = "\"e\"", Content = BleepStore.Domain.Objects.ContentHeaders.Default,
            Acl = AccessControlList.Private(Alice), LastModified = new DateTimeOffset(2012, 12, 19, 10, 30, 0, TimeSpan.Zero), BlobId = "",
        };

        Assert.Equal("expiry-date=\"Sun, 23 Dec 2012 00:00:00 GMT\", rule-id=\"expire%20logs%2Fa\"", BleepStore.Application.Lifecycle.ExpirationHeader.For(bucket, obj, LifecycleConfiguration.StandardDay));
        Assert.Null(BleepStore.Application.Lifecycle.ExpirationHeader.For(bucket, obj with { Key = "other" }, LifecycleConfiguration.StandardDay));
        Assert.Null(BleepStore.Application.Lifecycle.ExpirationHeader.For(bucket, obj with { IsDeleteMarker = true }, LifecycleConfiguration.StandardDay));
        Assert.Null(BleepStore.Application.Lifecycle.ExpirationHeader.For(bucket with { Lifecycle = null }, obj, LifecycleConfiguration.StandardDay));
    }
}
