using BleepStore.Application.Access;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects.PutObjectAcl;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects;

public sealed class PutObjectAclHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    [Fact]
    public async Task Handle_OwnerCannedAcl_ReplacesAclOnly()
    {
        await _f.PutAsync("k", [1, 2, 3]);
        var before = await _f.RowAsync("k");
        _f.Clock.UtcNow = _f.Clock.UtcNow.AddHours(1);

        await Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", new AclRequest("public-read")), default);

        var after = await _f.RowAsync("k");
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, after!.Acl.Grants);
        Assert.Equal((before!.ETag, before.LastModified, before.Size), (after.ETag, after.LastModified, after.Size));
        Assert.Equal([1, 2, 3], await _f.ReadAllAsync("k"));
    }

    [Fact]
    public async Task Handle_BucketOwnerFullControlByObjectOwner_GrantsBucketOwner()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await _f.Put.Handle(new PutObjectCommand { Context = As(Bob), Bucket = Bucket, Key = "k", Body = new MemoryStream([1]), ContentLength = 1 }, default);

        await Handler().Handle(new PutObjectAclCommand(As(Bob), Bucket, "k", new AclRequest("bucket-owner-full-control")), default);

        var acl = (await _f.RowAsync("k"))!.Acl;
        Assert.Equal(Bob, acl.Owner);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == Alice.Id && g.Permission == Permission.FullControl);
    }

    [Fact]
    public async Task Handle_PolicyBodyNamingAnotherOwner_ObjectOwnerKept()
    {
        await _f.PutAsync("k", [1]);
        var policy = new AccessControlList(Bob, [new Grant(Grantee.Group(Grantee.AuthenticatedUsersUri), Permission.Read)]);

        await Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", AclRequest.None, RequestDocument<AccessControlList?>.FromValue(policy)), default);

        var acl = (await _f.RowAsync("k"))!.Acl;
        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(policy.Grants, acl.Grants);
    }

    [Fact]
    public async Task Handle_BucketWriteAcpButNotObjectWriteAcp_AccessDeniedAndAclUnchanged()
    {
        _f.SetBucketAcl("public-read-write", (Bob, Permission.WriteAcp));
        await _f.PutAsync("k", [1]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new PutObjectAclCommand(As(Bob), Bucket, "k", new AclRequest("public-read-write")), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new PutObjectAclCommand(Anonymous, Bucket, "k", new AclRequest("public-read-write")), default));

        Assert.Equal(AccessControlList.Private(Alice).Grants, (await _f.RowAsync("k"))!.Acl.Grants);
    }

    [Fact]
    public async Task Handle_ObjectWriteAcpGrantee_ReplacesAclOwnerKept()
    {
        await _f.PutAsync("k", [1]);
        await _f.Store.SetObjectAclAsync(Bucket, "k", AccessControlList.Private(Alice) with { Grants = [.. AccessControlList.Private(Alice).Grants, new Grant(Grantee.User(Bob.Id), Permission.WriteAcp)] }, default);

        await Handler().Handle(new PutObjectAclCommand(As(Bob), Bucket, "k", new AclRequest("public-read")), default);

        var acl = (await _f.RowAsync("k"))!.Acl;
        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, acl.Grants);
    }

    [Fact]
    public async Task Handle_InvalidCannedAcl_InvalidArgumentAndAclUnchanged()
    {
        await _f.PutAsync("k", [1]);

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", new AclRequest("everyone")), default));

        Assert.Equal(AccessControlList.Private(Alice).Grants, (await _f.RowAsync("k"))!.Acl.Grants);
    }

    [Fact]
    public async Task Handle_MissingKey_NoSuchKeyForBucketReadersAccessDeniedOtherwise()
    {
        await S3Assert.ThrowsAsync("NoSuchKey", () => Handler().Handle(new PutObjectAclCommand(Context, Bucket, "missing", new AclRequest("private")), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new PutObjectAclCommand(As(Bob), Bucket, "missing", new AclRequest("private")), default));
        Assert.Null(await _f.RowAsync("missing"));
    }

    [Fact]
    public async Task Handle_NoHeadersAndNoBody_MissingSecurityHeaderAndAclUnchanged()
    {
        await _f.PutAsync("k", [1]);
        await Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", new AclRequest("public-read")), default);

        await S3Assert.ThrowsAsync("MissingSecurityHeader", () => Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", AclRequest.None), default));

        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, (await _f.RowAsync("k"))!.Acl.Grants);
    }

    [Fact]
    public async Task Handle_GrantToUnknownId_InvalidArgument_GrantToAccount_Stored()
    {
        await _f.PutAsync("k", [1]);
        var ghost = new Dictionary<Permission, string> { [Permission.Read] = "id=\"ghost\"" };
        var bob = new Dictionary<Permission, string> { [Permission.Read] = "id=\"bob\"" };

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", new AclRequest(GrantHeaders: ghost)), default));
        Assert.Equal(AccessControlList.Private(Alice).Grants, (await _f.RowAsync("k"))!.Acl.Grants);

        await Handler().Handle(new PutObjectAclCommand(Context, Bucket, "k", new AclRequest(GrantHeaders: bob)), default);
        Assert.Equal((Bob.Id, Permission.Read), (Assert.Single((await _f.RowAsync("k"))!.Acl.Grants).Grantee.Id, Permission.Read));
    }

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new PutObjectAclCommand(Context, "nope", "k", new AclRequest("private")), default));

    private PutObjectAclHandler Handler() => new(_f.Store);
}
