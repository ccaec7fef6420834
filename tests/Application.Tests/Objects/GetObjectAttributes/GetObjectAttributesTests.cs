using BleepStore.Application.Objects.GetObjectAttributes;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Tests.Validation;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects.GetObjectAttributes;

public sealed class GetObjectAttributesTests
{
    private static readonly GetObjectAttributesValidator Validator = new();
    private readonly ObjectHandlerFixture _f = new();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_MissingAttributes_InvalidArgument(string? header) =>
        ValidatorAssert.Fails(Validator, new GetObjectAttributesQuery(Context, Bucket, "k", header), "InvalidArgument",
            "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty", "x-amz-object-attributes", "");

    [Fact]
    public void Validate_UnknownAttribute_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new GetObjectAttributesQuery(Context, Bucket, "k", "ETag,Colour"), "InvalidArgument",
            "Invalid attribute name specified.", "x-amz-object-attributes", "ETag,Colour");

    [Fact]
    public void Validate_NegativeMaxParts_InvalidArgument() =>
        ValidatorAssert.Fails(Validator, new GetObjectAttributesQuery(Context, Bucket, "k", "ObjectParts", MaxParts: -1, RawMaxParts: "-1"), "InvalidArgument",
            argumentName: "x-amz-max-parts", argumentValue: "-1");

    [Fact]
    public void Validate_AllFive_Passes() =>
        ValidatorAssert.Passes(Validator, new GetObjectAttributesQuery(Context, Bucket, "k", "ETag, Checksum,ObjectParts,StorageClass,ObjectSize"));

    [Fact]
    public async Task Handle_SinglePut_AskedAttributesNoParts()
    {
        await _f.PutAsync("k", [1, 2, 3]);

        var result = await new GetObjectAttributesHandler(_f.Store).Handle(new GetObjectAttributesQuery(Context, Bucket, "k", "ETag,ObjectSize,ObjectParts"), default);

        Assert.Equal((true, false, false, false, true), (result.ETag, result.Checksum, result.ObjectParts, result.StorageClass, result.ObjectSize));
        Assert.Equal(3, result.Object.Size);
        Assert.Empty(result.Parts);
    }

    [Fact]
    public async Task Handle_MultipartObject_PagesThePartSizes()
    {
        await _f.PutAsync("mp", [1]);
        var row = (await _f.RowAsync("mp"))! with { PartSizes = [5, 6, 7], PartsCount = 3 };
        await _f.Store.PutObjectAsync(row, Application.Abstractions.WriteCondition.None, default);
        var handler = new GetObjectAttributesHandler(_f.Store);

        var first = await handler.Handle(new GetObjectAttributesQuery(Context, Bucket, "mp", "ObjectParts", MaxParts: 2), default);
        var second = await handler.Handle(new GetObjectAttributesQuery(Context, Bucket, "mp", "ObjectParts", MaxParts: 2, PartNumberMarker: first.NextPartNumberMarker), default);

        Assert.True(first.ObjectParts);
        Assert.Equal([(1, 5L), (2, 6L)], first.Parts);
        Assert.Equal((true, (int?)2), (first.IsTruncated, first.NextPartNumberMarker));
        Assert.Equal([(3, 7L)], second.Parts);
        Assert.Equal((false, (int?)null), (second.IsTruncated, second.NextPartNumberMarker));
    }

    [Fact]
    public async Task Handle_UnknownVersionId_NoSuchVersion() =>
        await S3Assert.ThrowsAsync("NoSuchVersion", async () =>
        {
            await _f.PutAsync("v", [1]);
            await new GetObjectAttributesHandler(_f.Store).Handle(new GetObjectAttributesQuery(Context, Bucket, "v", "ETag", VersionId: "no-such-version"), default);
        });

    [Fact]
    public async Task Handle_CallerWhoMayNotRead_AccessDenied_MissingKey_NoSuchKey()
    {
        await _f.PutAsync("k", [1]);

        await S3Assert.ThrowsAsync("AccessDenied", () => new GetObjectAttributesHandler(_f.Store).Handle(new GetObjectAttributesQuery(As(Bob), Bucket, "k", "ETag"), default));
        await S3Assert.ThrowsAsync("NoSuchKey", () => new GetObjectAttributesHandler(_f.Store).Handle(new GetObjectAttributesQuery(Context, Bucket, "nope", "ETag"), default));
    }
}
