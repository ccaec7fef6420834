using BleepStore.Api.S3;
using BleepStore.Api.Tests.Support;
using BleepStore.Domain.Checksums;
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

    [Theory]
    [InlineData("AAAAAA==-2", "ENABLED", 2, "AgAAAA==")]
    [InlineData("AAAAAA==-2", "enabled", 1, "AQAAAA==")]
    [InlineData("AAAAAA==-2", null, 1, null)]
    [InlineData("AAAAAA==-2", "ENABLED", 3, null)]
    [InlineData("AAAAAA==", "ENABLED", 1, null)]
    public void WritePartChecksum_OnlyForCompositeObjects_WithChecksumMode(string objectChecksum, string? mode, int partNumber, string? expected)
    {
        var context = new DefaultHttpContext();
        if (mode is not null)
        {
            context.Request.Headers["x-amz-checksum-mode"] = mode;
        }

        var obj = Samples.Object("k") with
        {
            PartsCount = 2,
            Checksums = [new ChecksumValue(ChecksumAlgorithm.Crc32, objectChecksum)],
            PartChecksums = [new ChecksumValue(ChecksumAlgorithm.Crc32, "AQAAAA=="), new ChecksumValue(ChecksumAlgorithm.Crc32, "AgAAAA==")],
        };

        PartNumberReads.WritePartChecksum(context, partNumber, obj);

        var headers = context.Response.Headers;
        Assert.Equal(expected, headers.TryGetValue("x-amz-checksum-crc32", out var v) ? v.ToString() : null);
        Assert.Equal(expected is null ? null : "COMPOSITE", headers.TryGetValue("x-amz-checksum-type", out var t) ? t.ToString() : null);
    }
}
