using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Tests.Access;

public sealed class AccessControlListTests
{
    private static readonly Owner Alice = new("alice", "alice");
    private static readonly Owner Bob = new("bob", "bob");

    [Fact]
    public void Allows_Owner_Everything() => Assert.True(AccessControlList.Private(Alice).Allows(Alice, Permission.WriteAcp));

    [Fact]
    public void Allows_PrivateAcl_DeniesOthersAndAnonymous()
    {
        var acl = AccessControlList.Private(Alice);
        Assert.False(acl.Allows(Bob, Permission.Read));
        Assert.False(acl.Allows(null, Permission.Read));
    }

    [Fact]
    public void Allows_PublicRead_AnonymousReadOnly()
    {
        var acl = CannedAcl.Expand("public-read", Alice);
        Assert.True(acl.Allows(null, Permission.Read));
        Assert.False(acl.Allows(null, Permission.Write));
    }

    [Fact]
    public void Allows_AuthenticatedRead_NotAnonymous()
    {
        var acl = CannedAcl.Expand("authenticated-read", Alice);
        Assert.True(acl.Allows(Bob, Permission.Read));
        Assert.False(acl.Allows(null, Permission.Read));
    }

    [Fact]
    public void Allows_FullControlGrant_ImpliesWrite()
    {
        var acl = new AccessControlList(Alice, [new Grant(Grantee.User("bob"), Permission.FullControl)]);
        Assert.True(acl.Allows(Bob, Permission.Write));
    }

    [Fact]
    public void Expand_UnknownCannedName_ThrowsInvalidArgument()
    {
        var ex = Assert.Throws<S3Exception>(() => CannedAcl.Expand("world-writable", Alice));
        Assert.Equal("InvalidArgument", ex.Error.Code);
    }

    [Fact]
    public void Expand_PublicReadWrite_GroupGrantsFirstThenOwner()
    {
        var acl = CannedAcl.Expand("public-read-write", Alice);
        Assert.Equal(3, acl.Grants.Count);
        Assert.Equal([(Grantee.AllUsersUri, Permission.Read), (Grantee.AllUsersUri, Permission.Write)], acl.Grants.Take(2).Select(g => (g.Grantee.Uri!, g.Permission)));
        Assert.Equal((Alice.Id, Permission.FullControl), (acl.Grants[2].Grantee.Id, acl.Grants[2].Permission));
    }
}
