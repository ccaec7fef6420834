using BleepStore.Application.Buckets.GetBucketAcl;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class GetBucketAclHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_Owner_ReturnsStoredAcl()
    {
        _f.AddBucket("photos", Alice, "public-read");

        var acl = await Handler().Handle(new GetBucketAclQuery(As(Alice), "photos"), default);

        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, acl.Grants);
    }

    [Fact]
    public async Task Handle_UserWithReadAcpGrant_ReturnsAcl()
    {
        _f.AddBucket("photos", Alice, grants: [(Bob, Permission.ReadAcp)]);

        var acl = await Handler().Handle(new GetBucketAclQuery(As(Bob), "photos"), default);

        Assert.Contains(acl.Grants, g => g.Grantee.Id == Bob.Id && g.Permission == Permission.ReadAcp);
    }

    [Fact]
    public async Task Handle_UserWithReadButNotReadAcp_AccessDenied()
    {
        _f.AddBucket("photos", Alice, "public-read", grants: [(Bob, Permission.Read), (Bob, Permission.WriteAcp)]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetBucketAclQuery(As(Bob), "photos"), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetBucketAclQuery(As(null), "photos"), default));
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new GetBucketAclQuery(As(Alice), "nope"), default));

    private GetBucketAclHandler Handler() => new(_f.Store);
}
