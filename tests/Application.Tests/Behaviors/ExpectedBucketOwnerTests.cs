using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets.HeadBucket;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Application.Tests.Behaviors;

/// <summary>x-amz-expected-bucket-owner through the real pipeline: a mismatch is AccessDenied before the handler.</summary>
public sealed class ExpectedBucketOwnerTests
{
    private static readonly Owner Alice = new("alice", "alice");
    private static readonly Owner Bob = new("bob", "bob");

    private readonly TestMetadataStore _store = new();
    private readonly IMediator _mediator;

    public ExpectedBucketOwnerTests()
    {
        _store.AddBucket("alices", Alice);
        _store.AddBucket("bobs", Bob, CannedAcl.Expand("public-read", Bob));
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IMetadataStore>(_store);
        services.AddSingleton<ICredentialStore>(_store);
        services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        services.AddBleepStoreApplication(new S3Options());
        _mediator = services.BuildServiceProvider().GetRequiredService<IMediator>();
    }

    private static S3RequestContext As(Owner caller, ExpectedBucketOwners? expected, Dictionary<string, string>? headers = null) => new()
    {
        Caller = caller,
        Authenticated = true,
        ExpectedOwners = expected,
        Http = headers is null ? null : new HttpRequestFacts { Method = "PUT", RawPath = "/", RawQuery = "", Headers = headers },
    };

    [Fact]
    public async Task MatchingOwner_Passes_OtherOwner_AccessDenied()
    {
        await _mediator.Send(new HeadBucketQuery(As(Alice, new("alices", "alice")), "alices"));

        await S3Assert.ThrowsAsync("AccessDenied", () => _mediator.Send(new HeadBucketQuery(As(Alice, new("alices", "bob")), "alices")));
    }

    [Fact]
    public async Task MissingBucket_IsNoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _mediator.Send(new HeadBucketQuery(As(Alice, new("nope", "alice")), "nope")));

    [Fact]
    public async Task PutObject_MismatchStoresNothing()
    {
        var put = new PutObjectCommand { Context = As(Alice, new("alices", "someone-else")), Bucket = "alices", Key = "k", Body = new MemoryStream([1]), ContentLength = 1 };

        await S3Assert.ThrowsAsync("AccessDenied", () => _mediator.Send(put));

        Assert.Null(await _store.GetObjectAsync("alices", "k", default));
    }

    [Fact]
    public async Task CopyObject_SourceExpectedOwner_ComparedWithTheSourceBucketsOwner()
    {
        await _mediator.Send(new PutObjectCommand { Context = As(Bob, null), Bucket = "bobs", Key = "src", Body = new MemoryStream([7]), ContentLength = 1, Acl = new BleepStore.Application.Access.AclRequest("public-read") });
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-amz-copy-source"] = "/bobs/src" };
        CopyObjectCommand Copy(string key, string sourceOwner) =>
            new() { Context = As(Alice, new("alices", "alice", SourceOwnerId: sourceOwner), headers), Bucket = "alices", Key = key, CopySource = "/bobs/src" };

        await S3Assert.ThrowsAsync("AccessDenied", () => _mediator.Send(Copy("wrong", "alice")));
        await _mediator.Send(Copy("right", "bob"));

        Assert.Null(await _store.GetObjectAsync("alices", "wrong", default));
        Assert.NotNull(await _store.GetObjectAsync("alices", "right", default));
    }
}
