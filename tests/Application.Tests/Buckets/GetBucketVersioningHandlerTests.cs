using BleepStore.Application.Buckets.GetBucketVersioning;
using BleepStore.Application.Tests.Uploads.Fakes;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class GetBucketVersioningHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_Owner_NeverEnabledSoNoStatus()
    {
        _f.AddBucket("photos", Alice);

        Assert.Null((await Handler().Handle(new GetBucketVersioningQuery(As(Alice), "photos"), default)).Status);
    }

    [Fact]
    public async Task Handle_OtherUserOnPrivateBucket_AccessDenied()
    {
        _f.AddBucket("photos", Alice);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetBucketVersioningQuery(As(Bob), "photos"), default));
    }

    [Fact]
    public async Task Handle_AnonymousOnPublicReadBucket_Answers()
    {
        _f.AddBucket("photos", Alice, "public-read");

        Assert.Null((await Handler().Handle(new GetBucketVersioningQuery(As(null), "photos"), default)).Status);
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new GetBucketVersioningQuery(As(Alice), "nope"), default));

    private GetBucketVersioningHandler Handler() => new(_f.Store);
}
