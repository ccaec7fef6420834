using BleepStore.Application.Objects.GetObjectAttributes;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Checksums;
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

        Assert.Equal((true, false, false, true), (result.ETag, result.Checksum, result.StorageClass, result.ObjectSize));
        Assert.Equal(3, result.Object.Size);
        Assert.Null(result.Parts);
    }

    [Fact]
    public async Task Handle_CompositeMultipart_PagesThePartsWithTheirChecksums_ObjectChecksumWithoutPartCount()
    {
        await StoreMultipartAsync("mp", new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==-3"), [Crc("AQAAAA=="), Crc("AgAAAA=="), Crc("AwAAAA==")]);
        var handler = new GetObjectAttributesHandler(_f.Store);

        var first = await handler.Handle(new GetObjectAttributesQuery(Context, Bucket, "mp", "ObjectParts,Checksum", MaxParts: 2), default);
        var second = await handler.Handle(new GetObjectAttributesQuery(Context, Bucket, "mp", "ObjectParts", MaxParts: 2, PartNumberMarker: first.Parts!.NextPartNumberMarker), default);

        Assert.Equal([new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==")], first.Checksums);
        Assert.Equal(new ObjectPartsPage(3, true, 0, 2, 2, true, first.Parts.Parts), first.Parts);
        Assert.Equal([new ObjectPartEntry(1, 5, Crc("AQAAAA==")), new ObjectPartEntry(2, 6, Crc("AgAAAA=="))], first.Parts.Parts!);
        Assert.Equal((2, 3, false), (second.Parts!.PartNumberMarker, second.Parts.NextPartNumberMarker, second.Parts.IsTruncated));
        Assert.Equal([new ObjectPartEntry(3, 7, Crc("AwAAAA=="))], second.Parts.Parts!);
    }

    [Theory]
    [InlineData(0, 0, 0, true)]
    [InlineData(10, 0, 1000, false)]
    [InlineData(3, 0, 1000, false)]
    public async Task Handle_CompositeMultipart_EmptyPages_NextMarkerZero(int marker, int expectedNext, int expectedMax, bool truncated)
    {
        await StoreMultipartAsync("mp", new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==-3"), [Crc("AQAAAA=="), Crc("AgAAAA=="), Crc("AwAAAA==")]);

        var page = (await new GetObjectAttributesHandler(_f.Store).Handle(
            new GetObjectAttributesQuery(Context, Bucket, "mp", "ObjectParts", MaxParts: truncated ? 0 : null, PartNumberMarker: marker), default)).Parts!;

        Assert.Empty(page.Parts!);
        Assert.Equal((marker, expectedNext, expectedMax, truncated), (page.PartNumberMarker, page.NextPartNumberMarker, page.MaxParts, page.IsTruncated));
    }

    [Fact]
    public async Task Handle_FullObjectOrNoChecksumMultipart_OnlyThePartCount()
    {
        await StoreMultipartAsync("full", new ChecksumValue(ChecksumAlgorithm.Crc64Nvme, "AAAAAAAAAAA="), [new(ChecksumAlgorithm.Crc64Nvme, "AQAAAAAAAAA="), new(ChecksumAlgorithm.Crc64Nvme, "AgAAAAAAAAA="), new(ChecksumAlgorithm.Crc64Nvme, "AwAAAAAAAAA=")]);
        await StoreMultipartAsync("none", null, []);
        var handler = new GetObjectAttributesHandler(_f.Store);

        foreach (var key in new[] { "full", "none" })
        {
            var result = await handler.Handle(new GetObjectAttributesQuery(Context, Bucket, key, "ObjectParts,Checksum", MaxParts: 2), default);
            Assert.Equal(new ObjectPartsPage(3, Listed: false), result.Parts);
        }
    }

    private static ChecksumValue Crc(string base64) => new(ChecksumAlgorithm.Crc32, base64);

    private async Task StoreMultipartAsync(string key, ChecksumValue? checksum, ChecksumValue[] partChecksums)
    {
        await _f.PutAsync(key, [1]);
        var row = (await _f.RowAsync(key))! with { PartSizes = [5, 6, 7], PartsCount = 3, Checksums = checksum is null ? [] : [checksum], PartChecksums = partChecksums };
        await _f.Store.PutObjectAsync(row, Application.Abstractions.WriteCondition.None, default);
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
