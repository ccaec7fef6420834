using System.Security.Cryptography;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Buckets.PutBucketVersioning;
using BleepStore.Application.Buckets.PutObjectLockConfiguration;
using BleepStore.Application.ObjectLock;
using BleepStore.Application.Objects.DeleteObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Objects.GetObjectLegalHold;
using BleepStore.Application.Objects.GetObjectRetention;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects.PutObjectLegalHold;
using BleepStore.Application.Objects.PutObjectRetention;
using BleepStore.Application.Requests;
using BleepStore.Application.Objects;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using DefaultRetention = BleepStore.Domain.Buckets.DefaultRetention;
using ObjectLockConfiguration = BleepStore.Domain.Buckets.ObjectLockConfiguration;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using Microsoft.Extensions.Logging.Abstractions;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.ObjectLock;

/// <summary>Object lock through the handlers, on the memory store: S3's answers and nothing changed on a refusal.</summary>
public sealed class ObjectLockHandlerTests
{
    private static readonly byte[] Data = [1, 2, 3];
    private static readonly string DataMd5 = Convert.ToBase64String(MD5.HashData(Data));

    private readonly ObjectHandlerFixture _f = new(inlineThreshold: 0);

    private DateTimeOffset Now => _f.Clock.UtcNow;

    private static RequestDocument<T> Doc<T>(T value, bool checksum = true)
    {
        byte[] body = [42];
        return new RequestDocument<T>(new MemoryStream(body), body.Length, async (s, ct) =>
        {
            await s.CopyToAsync(Stream.Null, ct);
            return value;
        })
        {
            IntegrityHeaders = checksum ? new Dictionary<string, string> { ["content-md5"] = Convert.ToBase64String(MD5.HashData(body)) } : new Dictionary<string, string>(),
        };
    }

    private async Task LockAsync(DefaultRetention? rule = null)
    {
        await _f.Store.SetBucketVersioningAsync(Bucket, VersionIds.Enabled, default);
        Assert.Equal(Abstractions.BucketObjectLockOutcome.Done, await _f.Store.SetBucketObjectLockAsync(Bucket, new ObjectLockConfiguration(rule), default));
    }

    private Task<PutObjectResult> PutAsync(string key, ObjectLockHeaders headers, string? md5 = null) =>
        _f.Put.Handle(new PutObjectCommand { Context = Context, Bucket = Bucket, Key = key, Body = new MemoryStream(Data), ContentLength = Data.Length, ContentMd5 = md5, ObjectLock = headers }, default);

    private ObjectLockHeaders Compliance(TimeSpan fromNow) => new(ObjectLockMode.Compliance, ObjectLockHeaders.FormatDate(Now + fromNow), null);

    private DeleteObjectHandler Delete => new(_f.Store, _f.Storage, _f.Reaper, _f.Clock);

    [Fact]
    public async Task PutObject_LockHeadersOnBucketWithoutLock_InvalidRequestAndNothingStored()
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => PutAsync("k", new ObjectLockHeaders(null, null, "ON"), DataMd5));

        Assert.Equal(("InvalidRequest", "Bucket is missing Object Lock Configuration"), (e.Error.Code, e.Message));
        Assert.Null(await _f.RowAsync("k"));
    }

    [Fact]
    public async Task PutObject_LockParametersWithoutChecksum_InvalidRequest_WithContentMd5Stored()
    {
        await LockAsync();
        var e = await Assert.ThrowsAsync<S3Exception>(() => PutAsync("k", Compliance(TimeSpan.FromDays(1))));
        Assert.Equal(("InvalidRequest", "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters"), (e.Error.Code, e.Message));
        Assert.Null(await _f.RowAsync("k"));

        await PutAsync("k", Compliance(TimeSpan.FromDays(1)) with { LegalHold = "OFF" }, DataMd5);
        var row = (await _f.RowAsync("k"))!;
        Assert.Equal((new ObjectRetention(ObjectLockMode.Compliance, Now.AddDays(1)), (bool?)false), (row.Retention, row.LegalHold));
    }

    [Fact]
    public async Task PutObject_DefaultRetention_AppliedFromTheWriteTime_AndNeedsAChecksum()
    {
        await LockAsync(new DefaultRetention(ObjectLockMode.Governance, 3, null));

        await Assert.ThrowsAsync<S3Exception>(() => PutAsync("k", ObjectLockHeaders.None));
        await PutAsync("k", ObjectLockHeaders.None, DataMd5);

        Assert.Equal(new ObjectRetention(ObjectLockMode.Governance, Now.AddDays(3)), (await _f.RowAsync("k"))!.Retention);
    }

    [Theory]
    [InlineData("GOVERNANCE", null, null, "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied")]
    [InlineData(null, "2030-01-01T00:00:00Z", null, "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied")]
    [InlineData("FOREVER", "2030-01-01T00:00:00Z", null, "Unknown wormMode directive.")]
    [InlineData("GOVERNANCE", "2030-01-01", null, "The retain until date must be provided in ISO 8601 format")]
    [InlineData(null, null, "on", "Legal Hold must be either of 'ON' or 'OFF'")]
    [InlineData("GOVERNANCE", "2020-01-01T00:00:00Z", null, "The retain until date must be in the future!")]
    public async Task PutObject_BadLockHeaders_InvalidArgument(string? mode, string? until, string? hold, string message)
    {
        await LockAsync();

        var e = await Assert.ThrowsAsync<S3Exception>(() => PutAsync("k", new ObjectLockHeaders(mode, until, hold), DataMd5));

        Assert.Equal(("InvalidArgument", message), (e.Error.Code, e.Message));
        Assert.Null(await _f.RowAsync("k"));
    }

    [Fact]
    public async Task DeleteObject_CompliantVersion_RefusedEvenWithBypass_UntilItsDate_PlainDeleteAddsMarker()
    {
        await LockAsync();
        var v = (await PutAsync("k", Compliance(TimeSpan.FromHours(1)), DataMd5)).VersionId!;

        var e = await Assert.ThrowsAsync<S3Exception>(() => Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", v, BypassGovernance: true), default));
        Assert.Equal(("AccessDenied", 403, ObjectLockRules.DeniedMessage), (e.Error.Code, e.Error.HttpStatus, e.Message));
        Assert.Empty(_f.Storage.Deleted);
        Assert.True((await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k"), default)).DeleteMarker);

        _f.Clock.UtcNow = Now.AddHours(1);
        await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", v), default);
        Assert.Null(await _f.Store.GetObjectVersionAsync(Bucket, "k", v, default));
        Assert.NotEmpty(_f.Storage.Deleted);
    }

    [Fact]
    public async Task DeleteObjects_LockedEntry_PerKeyAccessDenied_OthersDeleted()
    {
        await LockAsync();
        var held = (await PutAsync("held", new ObjectLockHeaders(null, null, "ON"), DataMd5)).VersionId!;
        var free = (await PutAsync("free", ObjectLockHeaders.None)).VersionId!;
        var handler = new DeleteObjectsHandler(_f.Store, _f.Storage, _f.Reaper, _f.Clock);
        var document = new DeleteObjectsDocument([new DeleteObjectsEntry("held", held), new DeleteObjectsEntry("free", free)], false);

        var result = await handler.Handle(new DeleteObjectsCommand(Context, Bucket, RequestDocument<DeleteObjectsDocument>.FromValue(document), BypassGovernance: true), default);

        Assert.Equal([("held", held, "AccessDenied", ObjectLockRules.DeniedMessage)], result.Errors.Select(e => (e.Key, e.VersionId, e.Code, e.Message)));
        Assert.Equal(["free"], result.Deleted.Select(d => d.Key));
        Assert.NotNull(await _f.Store.GetObjectVersionAsync(Bucket, "held", held, default));
    }

    [Fact]
    public async Task PutObjectRetention_GovernanceShortenedOnlyWithBypass_PastDateInvalid_ReadBack()
    {
        await LockAsync();
        var v = (await PutAsync("k", new ObjectLockHeaders(ObjectLockMode.Governance, ObjectLockHeaders.FormatDate(Now.AddDays(2)), null), DataMd5)).VersionId!;
        var put = new PutObjectRetentionHandler(_f.Store, _f.Clock);
        var get = new GetObjectRetentionHandler(_f.Store);
        var shorter = new ObjectRetention(ObjectLockMode.Governance, Now.AddDays(1));

        var denied = await Assert.ThrowsAsync<S3Exception>(() => put.Handle(new PutObjectRetentionCommand(Context, Bucket, "k", Doc<ObjectRetention?>(shorter), v), default));
        Assert.Equal("AccessDenied", denied.Error.Code);
        var past = await Assert.ThrowsAsync<S3Exception>(() => put.Handle(new PutObjectRetentionCommand(Context, Bucket, "k", Doc<ObjectRetention?>(shorter with { RetainUntil = Now.AddDays(-1) }), v, true), default));
        Assert.Equal("InvalidArgument", past.Error.Code);
        var unsigned = await Assert.ThrowsAsync<S3Exception>(() => put.Handle(new PutObjectRetentionCommand(Context, Bucket, "k", Doc<ObjectRetention?>(shorter, checksum: false), v, true), default));
        Assert.Equal(("InvalidRequest", "Missing required header for this request: Content-MD5"), (unsigned.Error.Code, unsigned.Message));
        Assert.Equal(Now.AddDays(2), (await get.Handle(new GetObjectRetentionQuery(Context, Bucket, "k", v), default)).RetainUntil);

        await put.Handle(new PutObjectRetentionCommand(Context, Bucket, "k", Doc<ObjectRetention?>(shorter), v, BypassGovernance: true), default);
        Assert.Equal(shorter, await get.Handle(new GetObjectRetentionQuery(Context, Bucket, "k"), default));

        await put.Handle(new PutObjectRetentionCommand(Context, Bucket, "k", Doc<ObjectRetention?>(null), null, BypassGovernance: true), default);
        var none = await Assert.ThrowsAsync<S3Exception>(() => get.Handle(new GetObjectRetentionQuery(Context, Bucket, "k", v), default));
        Assert.Equal(("NoSuchObjectLockConfiguration", 404), (none.Error.Code, none.Error.HttpStatus));
    }

    [Fact]
    public async Task LegalHold_NeverSetIsNotFound_OnThenOff()
    {
        await LockAsync();
        var v = (await PutAsync("k", ObjectLockHeaders.None)).VersionId!;
        var get = new GetObjectLegalHoldHandler(_f.Store);
        var put = new PutObjectLegalHoldHandler(_f.Store, _f.Clock);

        Assert.Equal("NoSuchObjectLockConfiguration", (await Assert.ThrowsAsync<S3Exception>(() => get.Handle(new GetObjectLegalHoldQuery(Context, Bucket, "k"), default))).Error.Code);
        await put.Handle(new PutObjectLegalHoldCommand(Context, Bucket, "k", Doc(true), v), default);
        Assert.True(await get.Handle(new GetObjectLegalHoldQuery(Context, Bucket, "k", v), default));
        await Assert.ThrowsAsync<S3Exception>(() => Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", v, BypassGovernance: true), default));
        await put.Handle(new PutObjectLegalHoldCommand(Context, Bucket, "k", Doc(false)), default);
        Assert.False(await get.Handle(new GetObjectLegalHoldQuery(Context, Bucket, "k"), default));
        await Delete.Handle(new DeleteObjectCommand(Context, Bucket, "k", v), default);
    }

    [Fact]
    public async Task RetentionCalls_OnBucketWithoutLock_InvalidRequest()
    {
        await _f.PutAsync("k", Data);

        var e = await Assert.ThrowsAsync<S3Exception>(() => new GetObjectRetentionHandler(_f.Store).Handle(new GetObjectRetentionQuery(Context, Bucket, "k"), default));

        Assert.Equal(("InvalidRequest", "Bucket is missing Object Lock Configuration"), (e.Error.Code, e.Message));
    }

    [Fact]
    public async Task PutObjectLockConfiguration_NeedsVersioningEnabled_ThenVersioningCannotBeSuspended()
    {
        var handler = new PutObjectLockConfigurationHandler(_f.Store);
        var configuration = new ObjectLockConfiguration(new DefaultRetention(ObjectLockMode.Compliance, null, 1));

        var e = await Assert.ThrowsAsync<S3Exception>(() => handler.Handle(new PutObjectLockConfigurationCommand(Context, Bucket, Doc(configuration)), default));
        Assert.Equal(("InvalidBucketState", 409), (e.Error.Code, e.Error.HttpStatus));
        Assert.Null((await _f.Store.GetBucketAsync(Bucket, default))!.ObjectLock);

        await _f.Store.SetBucketVersioningAsync(Bucket, VersionIds.Enabled, default);
        var unsigned = await Assert.ThrowsAsync<S3Exception>(() => handler.Handle(new PutObjectLockConfigurationCommand(Context, Bucket, Doc(configuration, checksum: false)), default));
        Assert.Equal("InvalidRequest", unsigned.Error.Code);
        var notOwner = await Assert.ThrowsAsync<S3Exception>(() => handler.Handle(new PutObjectLockConfigurationCommand(As(Bob), Bucket, Doc(configuration)), default));
        Assert.Equal("AccessDenied", notOwner.Error.Code);

        await handler.Handle(new PutObjectLockConfigurationCommand(Context, Bucket, Doc(configuration)), default);
        Assert.Equal(configuration, (await _f.Store.GetBucketAsync(Bucket, default))!.ObjectLock);

        var versioning = new PutBucketVersioningHandler(_f.Store);
        var suspend = await Assert.ThrowsAsync<S3Exception>(() => versioning.Handle(new PutBucketVersioningCommand(Context, Bucket, RequestDocument<VersioningConfiguration>.FromValue(new("Suspended", null))), default));
        Assert.Equal(("InvalidBucketState", "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed."), (suspend.Error.Code, suspend.Message));
        Assert.Equal(VersionIds.Enabled, (await _f.Store.GetBucketAsync(Bucket, default))!.Versioning);
    }

    [Fact]
    public async Task KeyNamedGateway_ObjectLockConfigurationAndCreateBucketWithLock_NotImplemented_NothingChanges()
    {
        var keys = new KeyPublisher(_f.Store, new Versioning.PutBucketVersioningHandlerTests.KeyNamedStorage(_f.Storage), new TestClock(), NullLogger<KeyPublisher>.Instance);
        Assert.True(keys.Enabled);
        await _f.Store.SetBucketVersioningAsync(Bucket, VersionIds.Enabled, default);

        var put = await Assert.ThrowsAsync<S3Exception>(() => new PutObjectLockConfigurationHandler(_f.Store, keys).Handle(
            new PutObjectLockConfigurationCommand(Context, Bucket, Doc(ObjectLockConfiguration.EnabledWithoutRule)), default));
        var create = await Assert.ThrowsAsync<S3Exception>(() => new CreateBucketHandler(_f.Store, _f.Storage, _f.Clock, new S3Options(), keys).Handle(
            new CreateBucketCommand(Context, "locked-gw", ObjectLockEnabled: true), default));

        Assert.Equal([("NotImplemented", 501), ("NotImplemented", 501)], new[] { put, create }.Select(e => (e.Error.Code, e.Error.HttpStatus)));
        Assert.Null((await _f.Store.GetBucketAsync(Bucket, default))!.ObjectLock);
        Assert.Null(await _f.Store.GetBucketAsync("locked-gw", default));
    }
}
