using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class ListBucketsHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    public ListBucketsHandlerTests()
    {
        _f.AddBucket("zeta", Alice);
        _f.AddBucket("bobs", Bob, "public-read");
        _f.AddBucket("alpha", Alice);
        _f.AddBucket("Alpha-upper", Alice);
        _f.AddBucket("alphabet", Alice);
    }

    [Fact]
    public async Task Handle_TwoOwners_ListsOnlyCallersBucketsByName()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(Alice)), default);

        Assert.Equal(Alice, result.Owner);
        Assert.Equal(["Alpha-upper", "alpha", "alphabet", "zeta"], result.Buckets.Select(b => b.Name));
        Assert.Equal(["bobs"], (await Handler().Handle(new ListBucketsQuery(As(Bob)), default)).Buckets.Select(b => b.Name));
    }

    [Fact]
    public async Task Handle_Prefix_CaseSensitiveStartsWith()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(Alice), "alpha"), default);

        Assert.Equal(["alpha", "alphabet"], result.Buckets.Select(b => b.Name));
    }

    [Fact]
    public async Task Handle_CallerWithoutBuckets_EmptyList()
    {
        var result = await Handler().Handle(new ListBucketsQuery(As(new("carol", "Carol"))), default);

        Assert.Empty(result.Buckets);
    }

    [Fact]
    public async Task Handle_Anonymous_AccessDeniedEvenWithPublicBuckets() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new ListBucketsQuery(As(null)), default));

    private ListBucketsHandler Handler() => new(_f.Store);
}
