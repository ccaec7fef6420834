using BleepStore.Application.Objects.GetObjectAcl;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects;

public sealed class GetObjectAclHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    [Fact]
    public async Task Handle_ObjectOwner_ReturnsObjectAclNotBucketAcl()
    {
        _f.SetBucketAcl("public-read-write");
        await _f.PutAsync("k", [1]);

        var acl = await Handler().Handle(new GetObjectAclQuery(Context, Bucket, "k"), default);

        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(AccessControlList.Private(Alice).Grants, acl.Grants);
    }

    [Fact]
    public async Task Handle_ObjectWrittenByGrantee_OwnedByWriterAndBucketOwnerNeedsAGrant()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Write));
        await _f.Put.Handle(new PutObjectCommand { Context = As(Bob), Bucket = Bucket, Key = "k", Body = new MemoryStream([1]), ContentLength = 1 }, default);

        Assert.Equal(Bob, (await Handler().Handle(new GetObjectAclQuery(As(Bob), Bucket, "k"), default)).Owner);
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetObjectAclQuery(Context, Bucket, "k"), default));
    }

    [Fact]
    public async Task Handle_ReadButNotReadAcpOnObject_AccessDenied()
    {
        _f.SetBucketAcl("public-read");
        await _f.PutAsync("k", [1], contentMd5: null);
        await _f.Store.SetObjectAclAsync(Bucket, "k", CannedAcl.Expand("public-read", Alice), default);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetObjectAclQuery(As(Bob), Bucket, "k"), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetObjectAclQuery(Anonymous, Bucket, "k"), default));
    }

    [Fact]
    public async Task Handle_ReadAcpGrant_ReturnsAcl()
    {
        await _f.PutAsync("k", [1]);
        var acl = new AccessControlList(Alice, [.. AccessControlList.Private(Alice).Grants, new Grant(Grantee.User(Bob.Id, Bob.DisplayName), Permission.ReadAcp)]);
        await _f.Store.SetObjectAclAsync(Bucket, "k", acl, default);

        Assert.Equal(acl.Grants, (await Handler().Handle(new GetObjectAclQuery(As(Bob), Bucket, "k"), default)).Grants);
    }

    [Fact]
    public async Task Handle_MissingKeyCallerMayListBucket_NoSuchKey()
    {
        _f.SetBucketAcl("private", (Bob, Permission.Read));

        var ex = await S3Assert.ThrowsAsync("NoSuchKey", () => Handler().Handle(new GetObjectAclQuery(As(Bob), Bucket, "missing"), default));

        Assert.Contains(new KeyValuePair<string, string>("Key", "missing"), ex.Details);
    }

    [Fact]
    public async Task Handle_MissingKeyCallerMayNotListBucket_AccessDenied() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetObjectAclQuery(As(Bob), Bucket, "missing"), default));

    [Fact]
    public async Task Handle_MissingBucket_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new GetObjectAclQuery(Context, "nope", "k"), default));

    private GetObjectAclHandler Handler() => new(_f.Store);
}
