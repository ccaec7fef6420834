using BleepStore.Application.Objects;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Tests.Objects;

public sealed class PartRangesTests
{
    private static ObjectRecord Obj(long size, params long[] parts) => new()
    {
        Bucket = "b",
        Key = "k",
        Size = size,
        ETag = ETag.Empty,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(new Owner("o", "o")),
        LastModified = DateTimeOffset.UnixEpoch,
        BlobId = "x",
        PartsCount = parts.Length,
        PartSizes = parts,
    };

    [Theory]
    [InlineData(1, 0, 9)]
    [InlineData(2, 10, 19)]
    [InlineData(3, 20, 22)]
    public void Resolve_MultipartObject_CutsThatPart(int part, long first, long last) =>
        Assert.Equal(new ByteRange(first, last), PartRanges.Resolve(Obj(23, 10, 10, 3), part));

    [Fact]
    public void Resolve_PastLastPart_InvalidPartNumber416()
    {
        var ex = Assert.Throws<S3Exception>(() => PartRanges.Resolve(Obj(23, 10, 10, 3), 4));
        Assert.Equal(("InvalidPartNumber", 416), (ex.Error.Code, ex.Error.HttpStatus));
    }

    [Fact]
    public void Resolve_SinglePutObject_PartOneIsWholeObjectPartTwoInvalid()
    {
        Assert.Equal(new ByteRange(0, 4), PartRanges.Resolve(Obj(5), 1));
        Assert.Equal("InvalidPartNumber", Assert.Throws<S3Exception>(() => PartRanges.Resolve(Obj(5), 2)).Error.Code);
    }
}
