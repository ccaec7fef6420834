using BleepStore.Application.Buckets.HeadBucket;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class HeadBucketHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_Owner_ReturnsBucketRegion()
    {
        _f.AddBucket("photos", Alice, region: "eu-west-1");

        Assert.Equal("eu-west-1", (await Handler().Handle(new HeadBucketQuery(As(Alice), "photos"), default)).Region);
    }

    [Fact]
    public async Task Handle_Missing_NoSuchBucket() =>
        await S3Assert.ThrowsAsync("NoSuchBucket", () => Handler().Handle(new HeadBucketQuery(As(Alice), "nope"), default));

    [Theory]
    [InlineData("private", false, false)]
    [InlineData("authenticated-read", false, true)]
    [InlineData("public-read", true, true)]
    public async Task Handle_NonOwner_AllowedOnlyWithReadGrant(string canned, bool anonymousAllowed, bool bobAllowed)
    {
        _f.AddBucket("photos", Alice, canned);

        await AssertAllowedAsync(anonymousAllowed, () => Handler().Handle(new HeadBucketQuery(As(null), "photos"), default));
        await AssertAllowedAsync(bobAllowed, () => Handler().Handle(new HeadBucketQuery(As(Bob), "photos"), default));
    }

    [Fact]
    public async Task Handle_UserGrantOtherThanRead_AccessDenied()
    {
        _f.AddBucket("photos", Alice, grants: [(Bob, Permission.Write), (Bob, Permission.ReadAcp)]);

        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new HeadBucketQuery(As(Bob), "photos"), default));
    }

    private static async Task AssertAllowedAsync(bool allowed, Func<Task> action)
    {
        if (allowed)
        {
            await action();
        }
        else
        {
            await S3Assert.ThrowsAsync("AccessDenied", action);
        }
    }

    private HeadBucketHandler Handler() => new(_f.Store);
}
