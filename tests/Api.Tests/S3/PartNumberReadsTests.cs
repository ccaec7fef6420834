using BleepStore.Api.S3;
using BleepStore.Api.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace BleepStore.Api.Tests.S3;

public sealed class PartNumberReadsTests
{
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
