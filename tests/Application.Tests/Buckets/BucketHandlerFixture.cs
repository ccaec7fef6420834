using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using NSubstitute;

namespace BleepStore.Application.Tests.Buckets;

/// <summary>The bucket handlers' ports: the in-memory metadata adapter, and a storage double that records namespace calls.</summary>
internal sealed class BucketHandlerFixture
{
    public static readonly Owner Alice = new("alice", "Alice");

    public static readonly Owner Bob = new("bob", "Bob");

    public BucketHandlerFixture() => Store.AddAccounts(Alice, Bob);

    public TestMetadataStore Store { get; } = new();

    public IObjectStorage Storage { get; } = Substitute.For<IObjectStorage>();

    public TestClock Clock { get; } = new();

    /// <summary>A trusted in-process context acting as <paramref name="caller"/>; null = anonymous.</summary>
    public static S3RequestContext As(Owner? caller) => caller is null ? new S3RequestContext { Authenticated = true } : S3RequestContext.Trusted(caller);

    /// <summary>Adds a bucket owned by <paramref name="owner"/> with a canned ACL, or one granting <paramref name="grants"/> besides the owner.</summary>
    public void AddBucket(string name, Owner owner, string canned = "private", string region = "us-east-1", (Owner Grantee, Permission Permission)[]? grants = null)
    {
        var acl = CannedAcl.Expand(canned, owner);
        if (grants is { Length: > 0 })
        {
            acl = acl with { Grants = [.. acl.Grants, .. grants.Select(g => new Grant(Grantee.User(g.Grantee.Id, g.Grantee.DisplayName), g.Permission))] };
        }

        Store.AddBucket(name, owner, acl, region);
    }

    public AccessControlList AclOf(string bucket) => Store.GetBucketAsync(bucket, default).GetAwaiter().GetResult()!.Acl;
}
