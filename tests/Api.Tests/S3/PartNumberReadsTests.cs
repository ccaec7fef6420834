using BleepStore.Api.S3;
using BleepStore.Api.Tests.Support;
using BleepStore.Domain.Errors;
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

    [Theory]
    [InlineData(null, 1, null)]
    [InlineData(1, 0, null)]
    [InlineData(1, 1, "1")]
    [InlineData(2, 3, "3")]
    public void WritePartsCount_OnlyWithPartNumber_ForMultipartObjects(int? partNumber, int partsCount, string? expected)
    {
        var headers = new HeaderDictionary();

        PartNumberReads.WritePartsCount(headers, partNumber, Samples.Object("k") with { PartsCount = partsCount });

        Assert.Equal(expected, headers.TryGetValue("x-amz-mp-parts-count", out var v) ? v.ToString() : null);
    }
}
