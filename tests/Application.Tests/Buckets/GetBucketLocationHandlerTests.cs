using BleepStore.Application.Buckets.GetBucketLocation;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class GetBucketLocationHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Theory]
    [InlineData("us-east-1", null)]
    [InlineData("", null)]
    [InlineData("eu-west-1", "eu-west-1")]
    public async Task Handle_Owner_UsEast1AsNullOtherRegionsByName(string region, string? expected)
    {
        _f.AddBucket("photos", Alice, region: region);

        Assert.Equal(expected, (await Handler().Handle(new GetBucketLocationQuery(As(Alice), "photos"), default)).LocationConstraint);
    }

    [Fact]
    public async Task Handle_NonOwnerEvenWithFullControl_AccessDenied()
    {
        _f.AddBucket("photos", Alice, "public-read", grants: [(Bob, Permission.FullControl)]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetBucketLocationQuery(As(Bob), "photos"), default));
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new GetBucketLocationQuery(As(null), "photos"), default));
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new GetBucketLocationQuery(As(Alice), "nope"), default));

    private GetBucketLocationHandler Handler() => new(_f.Store);
}
