using BleepStore.Application.Access;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using NSubstitute;
using static BleepStore.Application.Tests.Buckets.BucketHandlerFixture;

namespace BleepStore.Application.Tests.Buckets;

public sealed class CreateBucketHandlerTests
{
    private readonly BucketHandlerFixture _f = new();

    [Fact]
    public async Task Handle_NewName_CreatesPrivateBucketOwnedByCallerInServerRegion()
    {
        var result = await Handler().Handle(new CreateBucketCommand(As(Alice), "photos"), default);

        Assert.Equal(("/photos", true), (result.Location, result.Created));
        var bucket = await _f.Store.GetBucketAsync("photos", default);
        Assert.Equal((Alice, "us-east-1", _f.Clock.UtcNow), (bucket!.Owner, bucket.Region, bucket.CreatedAt));
        Assert.Equal(AccessControlList.Private(Alice).Grants, bucket.Acl.Grants);
        await _f.Storage.Received(1).CreateBucketAsync("photos", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Handle_Anonymous_AccessDeniedAndNothingCreated()
    {
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(new CreateBucketCommand(As(null), "photos"), default));

        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().CreateBucketAsync(default!, default);
    }

    [Theory]
    [InlineData("eu-west-1", "eu-west-1")]
    [InlineData("", "us-east-1")]
    [InlineData(null, "us-east-1")]
    public async Task Handle_LocationConstraint_StoredAsRegion(string? constraint, string expected)
    {
        await Handler().Handle(new CreateBucketCommand(As(Alice), "photos", RequestDocument<string?>.FromValue(constraint)), default);

        Assert.Equal(expected, (await _f.Store.GetBucketAsync("photos", default))!.Region);
    }

    [Theory]
    [InlineData("EU")]
    [InlineData("ap-southeast-7")]
    [InlineData("us-east-1")]
    public async Task Handle_KnownRegionOrTheServersOwn_Accepted(string constraint)
    {
        await Handler().Handle(new CreateBucketCommand(As(Alice), "photos", RequestDocument<string?>.FromValue(constraint)), default);

        Assert.Equal(constraint, (await _f.Store.GetBucketAsync("photos", default))!.Region);
    }

    [Theory]
    [InlineData("moon-base-1")]
    [InlineData("EU-WEST-1")]
    [InlineData("us-east-3")]
    public async Task Handle_UnknownLocationConstraint_InvalidLocationConstraintAndNothingCreated(string constraint)
    {
        var ex = await S3Assert.ThrowsAsync("InvalidLocationConstraint", () => Handler().Handle(new CreateBucketCommand(As(Alice), "photos", RequestDocument<string?>.FromValue(constraint)), default));

        Assert.Equal(400, ex.Error.HttpStatus);
        Assert.Contains(ex.Details, d => d is { Key: "LocationConstraint" } && d.Value == constraint);
        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().CreateBucketAsync(default!, default);
    }

    [Fact]
    public async Task Handle_GrantHeaderToUnknownId_InvalidArgumentAndNothingCreated()
    {
        var acl = new AclRequest(GrantHeaders: new Dictionary<Permission, string> { [Permission.Read] = "id=\"ghost\"" });

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new CreateBucketCommand(As(Alice), "photos", Acl: acl), default));

        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
    }

    [Fact]
    public async Task Handle_CannedAcl_Stored()
    {
        await Handler().Handle(new CreateBucketCommand(As(Alice), "photos", Acl: new AclRequest("public-read")), default);

        Assert.Contains(_f.AclOf("photos").Grants, g => g.Grantee.Uri == Grantee.AllUsersUri && g.Permission == Permission.Read);
    }

    [Fact]
    public async Task Handle_OwnBucketAgainInUsEast1_SucceedsWithoutChangingIt()
    {
        await Handler().Handle(new CreateBucketCommand(As(Alice), "photos", Acl: new AclRequest("public-read")), default);
        _f.Clock.UtcNow = _f.Clock.UtcNow.AddHours(1);

        var again = await Handler().Handle(new CreateBucketCommand(As(Alice), "photos", RequestDocument<string?>.FromValue("eu-west-1")), default);

        Assert.False(again.Created);
        var bucket = await _f.Store.GetBucketAsync("photos", default);
        Assert.Equal("us-east-1", bucket!.Region);
        Assert.Equal(_f.Clock.UtcNow.AddHours(-1), bucket.CreatedAt);
        Assert.Contains(bucket.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);
    }

    [Fact]
    public async Task Handle_OwnBucketAgainInOtherRegion_BucketAlreadyOwnedByYou()
    {
        var options = new S3Options { Region = "eu-central-1" };
        await Handler(options).Handle(new CreateBucketCommand(As(Alice), "photos"), default);

        var ex = await S3Assert.ThrowsAsync("BucketAlreadyOwnedByYou", () => Handler(options).Handle(new CreateBucketCommand(As(Alice), "photos"), default));

        Assert.Contains(new KeyValuePair<string, string>("BucketName", "photos"), ex.Details);
        Assert.Equal("eu-central-1", (await _f.Store.GetBucketAsync("photos", default))!.Region);
    }

    [Fact]
    public async Task Handle_NameTakenByAnotherOwner_BucketAlreadyExistsAndOwnerKept()
    {
        _f.AddBucket("photos", Alice);

        var ex = await S3Assert.ThrowsAsync("BucketAlreadyExists", () => Handler().Handle(new CreateBucketCommand(As(Bob), "photos", Acl: new AclRequest("public-read-write")), default));

        Assert.Contains(new KeyValuePair<string, string>("BucketName", "photos"), ex.Details);
        Assert.Equal(Alice, (await _f.Store.GetBucketAsync("photos", default))!.Owner);
        Assert.Equal(AccessControlList.Private(Alice).Grants, _f.AclOf("photos").Grants);
    }

    [Fact]
    public async Task Handle_CannedAndGrantHeaders_InvalidArgumentAndNothingCreated()
    {
        var acl = new AclRequest("private", new Dictionary<Permission, string> { [Permission.Read] = "id=\"bob\"" });

        await S3Assert.ThrowsAsync("InvalidArgument", () => Handler().Handle(new CreateBucketCommand(As(Alice), "photos", Acl: acl), default));

        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().CreateBucketAsync(default!, default);
    }

    [Fact]
    public async Task Handle_MalformedConfiguration_ErrorBeforeAnythingIsCreated()
    {
        var document = new RequestDocument<string?>(new MemoryStream("<oops"u8.ToArray()), 5, static (_, _) => throw new S3Exception(S3Errors.MalformedXML));

        await S3Assert.ThrowsAsync("MalformedXML", () => Handler().Handle(new CreateBucketCommand(As(Alice), "photos", document), default));

        Assert.Null(await _f.Store.GetBucketAsync("photos", default));
        await _f.Storage.DidNotReceiveWithAnyArgs().CreateBucketAsync(default!, default);
    }

    private CreateBucketHandler Handler(S3Options? options = null) => new(_f.Store, _f.Storage, _f.Clock, options ?? new S3Options());
}
