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
            [Permission.FullControl] = "id=\"other\"",
        });
        var acl = AclResolver.Resolve(request, Owner);
        Assert.Equal(3, acl.Grants.Count);
        Assert.Contains(acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri && g.Permission == Permission.Read);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == "testuser" && g.Permission == Permission.Read);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == "other" && g.Permission == Permission.FullControl);
    }

    [Fact]
    public void Resolve_GrantByEmail_UnresolvableGrantByEmailAddress()
    {
        var request = new AclRequest(GrantHeaders: new Dictionary<Permission, string> { [Permission.Read] = "emailAddress=\"a@example.com\"" });
        var ex = Assert.Throws<S3Exception>(() => AclResolver.Resolve(request, Owner));
        Assert.Equal(("UnresolvableGrantByEmailAddress", 400), (ex.Error.Code, ex.Error.HttpStatus));
        Assert.Contains(ex.Details, d => d is { Key: "EmailAddress", Value: "a@example.com" });
    }

    [Fact]
    public async Task ResolveAsync_GrantToAnIdNamingNoAccount_InvalidArgument()
    {
        var accounts = new Auth.FakeCredentialStore();
        accounts.Add("bob", "secret");
        var request = new AclRequest(GrantHeaders: new Dictionary<Permission, string> { [Permission.Read] = "id=\"bob\", id=\"nobody\"" });

        var ex = await Assert.ThrowsAsync<S3Exception>(() => AclResolver.ResolveAsync(request, Owner, null, accounts, default).AsTask());

        Assert.Equal("InvalidArgument", ex.Error.Code);
        Assert.Equal("Invalid id", ex.Message);
        Assert.Contains(ex.Details, d => d is { Key: "ArgumentName", Value: "CanonicalUser/ID" });
        Assert.Contains(ex.Details, d => d is { Key: "ArgumentValue", Value: "nobody" });
    }

    [Fact]
    public async Task ResolveAsync_GrantToAnAccount_TakesItsDisplayName_OwnerNeedsNoLookup()
    {
        var accounts = new Auth.FakeCredentialStore();
        accounts.Add("bob", "secret");
        var request = new AclRequest(GrantHeaders: new Dictionary<Permission, string>
        {
            [Permission.Read] = "id=\"bob\"",
            [Permission.FullControl] = "id=\"bleepstore\"",
        });

        var acl = await AclResolver.ResolveAsync(request, Owner, null, accounts, default);

        Assert.Contains(acl.Grants, g => g.Grantee is { Id: "bob", DisplayName: "owner-bob" } && g.Permission == Permission.Read);
        Assert.Contains(acl.Grants, g => g.Grantee.Id == "bleepstore" && g.Permission == Permission.FullControl);
        Assert.Equal(1, accounts.Lookups);
    }

    [Fact]
    public async Task ResolveAsync_CannedAcl_LooksNothingUp()
    {
        var accounts = new Auth.FakeCredentialStore();
        var acl = await AclResolver.ResolveAsync(new AclRequest("bucket-owner-full-control"), Owner, new Owner("alice", "alice"), accounts, default);
        Assert.Equal(2, acl.Grants.Count);
        Assert.Equal(0, accounts.Lookups);
    }

    [Theory]
    [InlineData("public-read", 1)]
    [InlineData("public-read-write", 2)]
    [InlineData("authenticated-read", 1)]
    public void CannedAcl_GroupGrantsBeforeTheOwnerGrant(string canned, int groups)
    {
        var grants = CannedAcl.Expand(canned, Owner).Grants;
        Assert.Equal(groups + 1, grants.Count);
        Assert.All(grants.Take(groups), g => Assert.Equal(GranteeType.Group, g.Grantee.Type));
        Assert.Equal(("bleepstore", Permission.FullControl), (grants[^1].Grantee.Id, grants[^1].Permission));
    }

    [Theory]
    [InlineData("nonsense")]
    [InlineData("color=\"red\"")]
    [InlineData("id=\"\"")]
    public void ParseGrantees_BadValues_ThrowInvalidArgument(string header) =>
        Assert.Equal("InvalidArgument", Assert.Throws<S3Exception>(() => AclResolver.ParseGrantees(header)).Error.Code);
}
