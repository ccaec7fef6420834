using BleepStore.Api.S3;
using BleepStore.Api.Tests.Support;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using Microsoft.AspNetCore.Http;

namespace BleepStore.Api.Tests.S3;

public sealed class PartNumberReadsTests
{
    [Theory]
    [InlineData("", null, null)]
    [InlineData("partNumber=1", null, 1)]
    [InlineData("partNumber=10000", null, 10000)]
    public void Bind_Valid(string query, string? range, int? expected) =>
        Assert.Equal(expected, PartNumberReads.Bind(QueryParameters.Parse(query), range));

    [Theory]
    [InlineData("partNumber=0", null, "InvalidArgument")]
    [InlineData("partNumber=10001", null, "InvalidArgument")]
    [InlineData("partNumber=x", null, "InvalidArgument")]
    [InlineData("partNumber=1", "bytes=0-1", "InvalidRequest")]
    public void Bind_Invalid(string query, string? range, string code)
    {
        var e = Assert.Throws<S3Exception>(() => PartNumberReads.Bind(QueryParameters.Parse(query), range));
        Assert.Equal(code, e.Error.Code);
    }

    [Fact]
    public void Resolve_PartOne_IsTheWholeObject()
    {
        Assert.Equal(new ByteRange(0, 4), PartNumberReads.Resolve(1, Samples.Object("k", size: 5)));
        Assert.Equal(new ByteRange(0, 9), PartNumberReads.Resolve(1, Samples.Object("k", size: 10) with { PartsCount = 3 }));
        Assert.Null(PartNumberReads.Resolve(1, Samples.Object("k", size: 0)));
    }

    [Fact]
    public void Resolve_LaterParts_InvalidPartNumberBeyondTheCount_NotImplementedWithin()
    {
        var single = Assert.Throws<S3Exception>(() => PartNumberReads.Resolve(2, Samples.Object("k")));
        Assert.Equal("InvalidPartNumber", single.Error.Code);
        Assert.Equal(416, single.Error.HttpStatus);

        var beyond = Assert.Throws<S3Exception>(() => PartNumberReads.Resolve(4, Samples.Object("k") with { PartsCount = 3 }));
        Assert.Equal("InvalidPartNumber", beyond.Error.Code);

        var within = Assert.Throws<S3Exception>(() => PartNumberReads.Resolve(2, Samples.Object("k") with { PartsCount = 3 }));
        Assert.Equal("NotImplemented", within.Error.Code);
    }

    [Fact]
    public void Answer_TrustsAHandlerThatResolvedThePart_ElseFallsBack()
    {
        var multi = Samples.Object("k", size: 10) with { PartsCount = 3 };

        Assert.Equal(new ByteRange(5, 7), PartNumberReads.Answer(2, multi, new ByteRange(5, 7), notModified: false));
        Assert.Equal(new ByteRange(0, 9), PartNumberReads.Answer(1, multi, null, notModified: false));
        Assert.Null(PartNumberReads.Answer(2, multi, null, notModified: true));
        Assert.Equal(new ByteRange(2, 3), PartNumberReads.Answer(null, multi, new ByteRange(2, 3), notModified: false));
        Assert.Throws<S3Exception>(() => PartNumberReads.Answer(2, multi, null, notModified: false));
    }

    [Theory]
    [InlineData(null, 1, false, null)]
    [InlineData(1, 0, false, null)]
    [InlineData(1, 1, false, "1")]
    [InlineData(1, 3, false, null)]
    [InlineData(2, 3, true, "3")]
    public void WritePartsCount_OnlyWithPartNumber_ForMultipartObjects_WhenTrueOfTheBytesSent(int? partNumber, int partsCount, bool resolvedByHandler, string? expected)
    {
        var headers = new HeaderDictionary();

        PartNumberReads.WritePartsCount(headers, partNumber, Samples.Object("k") with { PartsCount = partsCount }, resolvedByHandler ? new ByteRange(0, 1) : null);

        Assert.Equal(expected, headers.TryGetValue("x-amz-mp-parts-count", out var v) ? v.ToString() : null);
    }
}
