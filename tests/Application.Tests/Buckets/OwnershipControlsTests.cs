using BleepStore.Application.Access;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Buckets.DeleteBucketOwnershipControls;
using BleepStore.Application.Buckets.GetBucketOwnershipControls;
using BleepStore.Application.Buckets.PutBucketAcl;
using BleepStore.Application.Buckets.PutBucketOwnershipControls;
using BleepStore.Application.Objects.GetObjectAcl;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects.PutObjectAcl;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using ObjectOwnership = BleepStore.Domain.Buckets.ObjectOwnership;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

/// <summary>Bucket ownership controls (decision 13) on the in-memory store: the three operations and what BucketOwnerEnforced does to ACL writes.</summary>
public sealed class OwnershipControlsTests
{
    private readonly ObjectHandlerFixture _f = new();

    private Task PutOwnership(string value, Owner? caller = null) =>
        new PutBucketOwnershipControlsHandler(_f.Store).Handle(new PutBucketOwnershipControlsCommand(As(caller ?? Alice), Bucket, RequestDocument<string>.FromValue(value)), default);

    private Task<string> GetOwnership(Owner? caller = null) =>
        new GetBucketOwnershipControlsHandler(_f.Store).Handle(new GetBucketOwnershipControlsQuery(As(caller ?? Alice), Bucket), default);

    private Task PutAsBob(string key, AclRequest acl) => PutAs(Bob, key, acl);

    private Task PutAs(Owner writer, string key, AclRequest acl) =>
        _f.Put.Handle(new PutObjectCommand { Context = As(writer), Bucket = Bucket, Key = key, Body = new MemoryStream([1]), ContentLength = 1, Acl = acl }, default);

    [Fact]
    public async Task PutGetDelete_RoundTrip_UnsetIsNotFound()
    {
        await S3Assert.ThrowsAsync("OwnershipControlsNotFoundError", () => GetOwnership());

        await PutOwnership(ObjectOwnership.BucketOwnerPreferred);
        Assert.Equal(ObjectOwnership.BucketOwnerPreferred, await GetOwnership());

        await new DeleteBucketOwnershipControlsHandler(_f.Store).Handle(new DeleteBucketOwnershipControlsCommand(As(Alice), Bucket), default);
        var ex = await S3Assert.ThrowsAsync("OwnershipControlsNotFoundError", () => GetOwnership());
        Assert.Equal(404, ex.Error.HttpStatus);
    }

    [Fact]
    public async Task Put_UnknownValue_MalformedXml_NotOwner_AccessDenied()
    {
        await S3Assert.ThrowsAsync("MalformedXML", () => PutOwnership("Everyone"));
        await S3Assert.ThrowsAsync("AccessDenied", () => PutOwnership(ObjectOwnership.ObjectWriter, Bob));
        await S3Assert.ThrowsAsync("AccessDenied", () => GetOwnership(Bob));
        await S3Assert.ThrowsAsync("OwnershipControlsNotFoundError", () => GetOwnership());
    }

    [Fact]
    public async Task Enforced_WhileBucketAclGrantsOthers_InvalidBucketAclWithObjectOwnership()
    {
        _f.SetBucketAcl("public-read");

        await S3Assert.ThrowsAsync("InvalidBucketAclWithObjectOwnership", () => PutOwnership(ObjectOwnership.BucketOwnerEnforced));

        await S3Assert.ThrowsAsync("OwnershipControlsNotFoundError", () => GetOwnership());
    }

    [Fact]
    public async Task Enforced_ObjectsOwnedByBucketOwner_OnlyOwnerFullControlAclWrites()
    {
        await PutOwnership(ObjectOwnership.BucketOwnerEnforced);

        await PutAs(Alice, "plain", AclRequest.None);
        await PutAs(Alice, "bofc", new AclRequest("bucket-owner-full-control"));
        await S3Assert.ThrowsAsync("AccessControlListNotSupported", () => PutAs(Alice, "public", new AclRequest("public-read")));
        await S3Assert.ThrowsAsync("AccessControlListNotSupported", () => PutAs(Alice, "grant", new AclRequest(GrantHeaders: new Dictionary<Permission, string> { [Permission.Read] = "id=\"bob\"" })));

        Assert.Equal(Alice, (await _f.RowAsync("plain"))!.Acl.Owner);
        Assert.Equal(Alice, (await _f.RowAsync("bofc"))!.Acl.Owner);
        Assert.Null(await _f.RowAsync("public"));
        Assert.Null(await _f.RowAsync("grant"));

        var putAcl = new PutObjectAclHandler(_f.Store);
        await S3Assert.ThrowsAsync("AccessControlListNotSupported", () => putAcl.Handle(new PutObjectAclCommand(Context, Bucket, "plain", new AclRequest("public-read")), default));
        await putAcl.Handle(new PutObjectAclCommand(Context, Bucket, "plain", new AclRequest("bucket-owner-full-control")), default);
        var bucketAcl = new PutBucketAclHandler(_f.Store);
        await S3Assert.ThrowsAsync("AccessControlListNotSupported", () => bucketAcl.Handle(new PutBucketAclCommand(Context, Bucket, new AclRequest("public-read")), default));
        await bucketAcl.Handle(new PutBucketAclCommand(Context, Bucket, new AclRequest("private")), default);

        var shown = await new GetObjectAclHandler(_f.Store).Handle(new GetObjectAclQuery(Context, Bucket, "plain"), default);
        Assert.Equal(Alice, shown.Owner);
        Assert.Equal((Alice.Id, Permission.FullControl), (Assert.Single(shown.Grants).Grantee.Id, Permission.FullControl));
    }

    [Fact]
    public async Task Enforced_OldObjectAclsGrantNothingToOthers()
    {
        await _f.PutAsync("old", [1]);
        await new PutObjectAclHandler(_f.Store).Handle(new PutObjectAclCommand(Context, Bucket, "old", new AclRequest("public-read")), default);
        var anonymousRead = () => _f.Get.Handle(new Application.Objects.GetObject.GetObjectQuery(As(Bob), Bucket, "old", null), default);
        Assert.NotNull((await anonymousRead()).Body);

        await PutOwnership(ObjectOwnership.BucketOwnerEnforced);

        await S3Assert.ThrowsAsync("AccessDenied", anonymousRead);
    }

    [Fact]
    public async Task Preferred_BucketOwnerFullControl_MakesTheBucketOwnerTheOwner()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await PutOwnership(ObjectOwnership.BucketOwnerPreferred);

        await PutAsBob("given", new AclRequest("bucket-owner-full-control"));
        await PutAsBob("kept", AclRequest.None);

        Assert.Equal(Alice, (await _f.RowAsync("given"))!.Acl.Owner);
        Assert.Equal(Bob, (await _f.RowAsync("kept"))!.Acl.Owner);
    }

    [Fact]
    public async Task CreateBucket_WithOwnershipHeader_Stored_EnforcedWithPublicAcl_Refused()
    {
        var create = new CreateBucketHandler(_f.Store, new InMemoryObjectStorage(), _f.Clock, new S3Options());

        await create.Handle(new CreateBucketCommand(As(Alice), "owned", ObjectOwnership: ObjectOwnership.BucketOwnerEnforced), default);
        await S3Assert.ThrowsAsync("InvalidBucketAclWithObjectOwnership", () => create.Handle(
            new CreateBucketCommand(As(Alice), "public", Acl: new AclRequest("public-read"), ObjectOwnership: ObjectOwnership.BucketOwnerEnforced), default));

        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, (await _f.Store.GetBucketAsync("owned", default))!.ObjectOwnership);
        Assert.Null(await _f.Store.GetBucketAsync("public", default));
    }
}
