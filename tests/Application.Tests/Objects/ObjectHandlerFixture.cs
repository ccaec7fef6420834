using BleepStore.Application.Objects;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Application.Tests.Objects;

/// <summary>The object handlers wired to the in-memory ports.</summary>
internal sealed class ObjectHandlerFixture
{
    public const string Bucket = "bkt";

    public static readonly Owner Alice = new("alice", "alice");

    public static readonly Owner Bob = new("bob", "bob");

    public ObjectHandlerFixture(int inlineThreshold = 64 * 1024)
    {
        Store.AddBucket(Bucket, Alice);
        Store.AddAccounts(Alice, Bob);
        Options = new S3Options { InlineThreshold = inlineThreshold };
    }

    public TestMetadataStore Store { get; } = new();

    public InMemoryObjectStorage Storage { get; } = new();

    public TestClock Clock { get; } = new();

    public S3Options Options { get; }

    public BlobReaper Reaper { get; } = new(NullLogger<BlobReaper>.Instance);

    public static S3RequestContext Context => S3RequestContext.Trusted(Alice);

    public static S3RequestContext Anonymous => new() { Authenticated = true };

    /// <summary>A trusted context acting as <paramref name="caller"/>; null = anonymous.</summary>
    public static S3RequestContext As(Owner? caller) => caller is null ? Anonymous : S3RequestContext.Trusted(caller);

    /// <summary>Replaces the bucket's ACL: Alice's canned ACL plus <paramref name="grants"/> to named users.</summary>
    public void SetBucketAcl(string canned, params (Owner Grantee, Permission Permission)[] grants)
    {
        var acl = CannedAcl.Expand(canned, Alice);
        acl = acl with { Grants = [.. acl.Grants, .. grants.Select(g => new Grant(Grantee.User(g.Grantee.Id, g.Grantee.DisplayName), g.Permission))] };
        Store.SetBucketAclAsync(Bucket, acl, default).GetAwaiter().GetResult();
    }

    public Task<ObjectRecord?> RowAsync(string key) => Store.GetObjectAsync(Bucket, key, default);

    public PutObjectHandler Put => new(Store, Storage, Clock, Options, Reaper);

    public GetObjectHandler Get => new(Store, Storage);

    public CopyObjectHandler Copy => new(Store, Storage, Clock, Options, Reaper);

    public Task<PutObjectResult> PutAsync(string key, byte[] data, S3RequestContext? context = null, string? contentMd5 = null, string? ifNoneMatch = null) =>
        Put.Handle(
            new PutObjectCommand
            {
                Context = context ?? Context,
                Bucket = Bucket,
                Key = key,
                Body = new MemoryStream(data),
                ContentLength = data.Length,
                ContentMd5 = contentMd5,
                IfNoneMatch = ifNoneMatch,
            },
            default);

    public async Task<byte[]> ReadAllAsync(string key, string? range = null)
    {
        var result = await Get.Handle(new GetObjectQuery(Context, Bucket, key, range), default);
        await using var body = result.Body!;
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }
}
