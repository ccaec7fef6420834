using BleepStore.Application.Access;
using BleepStore.Application.Buckets.PutBucketAcl;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class PutBucketAclHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_OwnerCannedAcl_ReplacesAcl()
    {
        _f.AddBucket("photos", Alice, "public-read-write");

        await Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", new AclRequest("authenticated-read")), default);

        Assert.Equal(CannedAcl.Expand("authenticated-read", Alice).Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_GranteeWithWriteAcp_SetsAclButBucketOwnerStays()
    {
        _f.AddBucket("photos", Alice, grants: [(Bob, Permission.WriteAcp)]);

        await Handler().Handle(new PutBucketAclCommand(As(Bob), "photos", new AclRequest("public-read")), default);

        var acl = _f.AclOf("photos");
        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, acl.Grants);
        Assert.Equal(Alice, (await _f.Store.GetBucketAsync("photos", default))!.Owner);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData(null)]
    public async Task Handle_CallerWithoutWriteAcp_AccessDeniedAndAclUnchanged(string? caller)
    {
        _f.AddBucket("photos", Alice, "public-read-write", grants: [(Bob, Permission.ReadAcp), (Bob, Permission.Write)]);
        var before = _f.AclOf("photos");

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new PutBucketAclCommand(As(caller is null ? null : Bob), "photos", new AclRequest("public-read")), default));

        Assert.Equal(before.Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_PolicyBodyNamingAnotherOwner_GrantsStoredOwnerKept()
    {
        _f.AddBucket("photos", Alice);
        var policy = new AccessControlList(Bob, [new Grant(Grantee.User(Bob.Id, Bob.DisplayName), Permission.Read)]);

        await Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", AclRequest.None, RequestDocument<AccessControlList?>.FromValue(policy)), default);

        var acl = _f.AclOf("photos");
        Assert.Equal(Alice, acl.Owner);
        Assert.Equal(policy.Grants, acl.Grants);
    }

    [Fact]
    public async Task Handle_CannedHeaderAndBody_HeaderWinsBodyNeverRead()
    {
        _f.AddBucket("photos", Alice);
        var reads = 0;
        var body = new RequestDocument<AccessControlList?>(new MemoryStream("<AccessControlPolicy/>"u8.ToArray()), 22, (_, _) =>
        {
            reads++;
            return ValueTask.FromResult<AccessControlList?>(AccessControlList.Private(Alice));
        });

        await Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", new AclRequest("public-read"), body), default);

        Assert.Equal(0, reads);
        Assert.Contains(_f.AclOf("photos").Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);
    }

    [Fact]
    public async Task Handle_GrantHeaders_GrantsEachGrantee()
    {
        _f.AddBucket("photos", Alice);
        _f.Store.AddAccounts(new Owner("carol", "Carol"));
        var headers = new Dictionary<Permission, string>
        {
            [Permission.Read] = "id=\"bob\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
            [Permission.WriteAcp] = "id=carol",
        };

        await Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", new AclRequest(GrantHeaders: headers)), default);

        var grants = _f.AclOf("photos").Grants;
        Assert.Equal(3, grants.Count);
        Assert.Contains(grants, g => g.Grantee.Id == "bob" && g.Permission == Permission.Read);
        Assert.Contains(grants, g => g.Grantee.Uri == Grantee.AllUsersUri && g.Permission == Permission.Read);
        Assert.Contains(grants, g => g.Grantee.Id == "carol" && g.Permission == Permission.WriteAcp);
    }

    [Theory]
    [InlineData("no-such-canned-acl", null)]
    [InlineData("private", "id=\"bob\"")]
    [InlineData(null, "email")]
    public async Task Handle_InvalidAclRequest_InvalidArgumentAndAclUnchanged(string? canned, string? readGrant)
    {
        _f.AddBucket("photos", Alice, "public-read");
        var headers = readGrant is null ? null : new Dictionary<Permission, string> { [Permission.Read] = readGrant };

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", new AclRequest(canned, headers)), default));

        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_NoHeadersAndNoBody_MissingSecurityHeaderAndAclUnchanged()
    {
        _f.AddBucket("photos", Alice, "public-read");

        var ex = await S3Assert.ThrowsAsync("MissingSecurityHeader", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", AclRequest.None), default));
        var empty = new RequestDocument<AccessControlList?>(Stream.Null, 0, (_, _) => ValueTask.FromResult<AccessControlList?>(null));
        await S3Assert.ThrowsAsync("MissingSecurityHeader", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", AclRequest.None, empty), default));

        Assert.Equal(400, ex.Error.HttpStatus);
        Assert.Contains(ex.Details, d => d is { Key: "MissingHeaderName", Value: "x-amz-acl" });
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_GrantToIdNamingNoAccount_InvalidArgumentAndAclUnchanged()
    {
        _f.AddBucket("photos", Alice, "public-read");
        var headers = new Dictionary<Permission, string> { [Permission.Read] = "id=\"bob\", id=\"nobody-at-all\"" };

        var ex = await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", new AclRequest(GrantHeaders: headers)), default));

        Assert.Contains(ex.Details, d => d is { Key: "ArgumentValue", Value: "nobody-at-all" });
        Assert.Equal(CannedAcl.Expand("public-read", Alice).Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_PolicyBodyGrantingAnUnknownId_InvalidArgument()
    {
        _f.AddBucket("photos", Alice);
        var policy = new AccessControlList(Alice, [new Grant(Grantee.User("ghost"), Permission.Read)]);

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "photos", AclRequest.None, RequestDocument<AccessControlList?>.FromValue(policy)), default));
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new PutBucketAclCommand(As(Alice), "nope", new AclRequest("private")), default));

    private PutBucketAclHandler Handler() => new(_f.Store);
}
