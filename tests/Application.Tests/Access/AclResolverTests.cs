using BleepStore.Application.Access;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Access;

public sealed class AclResolverTests
{
    private static readonly Owner Owner = new("bleepstore", "bleepstore");

    [Fact]
    public void Resolve_Nothing_PrivateOwnerFullControl()
    {
        var acl = AclResolver.Resolve(AclRequest.None, Owner);
        var grant = Assert.Single(acl.Grants);
        Assert.Equal(Permission.FullControl, grant.Permission);
        Assert.Equal("bleepstore", grant.Grantee.Id);
    }

    [Fact]
    public void Resolve_CannedAndGrants_ThrowsInvalidArgument()
    {
        var request = new AclRequest("public-read", new Dictionary<Permission, string> { [Permission.Read] = "id=\"x\"" });
        Assert.Equal("InvalidArgument", Assert.Throws<S3Exception>(() => AclResolver.Resolve(request, Owner)).Error.Code);
    }

    [Fact]
    public void Resolve_GrantHeaders_ExactlyThoseGrants()
    {
        var request = new AclRequest(GrantHeaders: new Dictionary<Permission, string>
        {
            [Permission.Read] = "uri=\"http://acs.amazonaws.com/groups/global/AllUsers\", id=\"testuser\"",
            [Permission.FullControl] = "emailAddress=\"a@example.com\"",
        });
        var acl = AclResolver.Resolve(request, Owner);
        Assert.Equal(3, acl.Grants.Count);
        Assert.Contains(acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri && g.Permission == Permission.Read);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == "testuser" && g.Permission == Permission.Read);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == "a@example.com" && g.Permission == Permission.FullControl);
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("color=\"red\"")]
    [InlineData("id=\"\"")]
    public void ParseGrantees_BadValues_ThrowInvalidArgument(string header) =>
        Assert.Equal("InvalidArgument", Assert.Throws<S3Exception>(() => AclResolver.ParseGrantees(header)).Error.Code);
}
