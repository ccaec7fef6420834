using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class ListPartsHandlerTests
{
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task Handle_Parts_AscendingWithSizeETagDateAndChecksums()
    {
        var id = await _f.CreateAsync(algorithm: "CRC32");
        var p3 = await _f.UploadPartAsync(id, 3, Bytes(30, 3));
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(10, 1));

        var result = await ListAsync(id);

        Assert.Equal([1, 3], result.Parts.Select(p => p.PartNumber));
        Assert.Equal([p1.ETag, p3.ETag], result.Parts.Select(p => p.ETag));
        Assert.Equal([10L, 30L], result.Parts.Select(p => p.Size));
        Assert.All(result.Parts, p => Assert.Equal(_f.Clock.UtcNow, p.LastModified));
        Assert.All(result.Parts, p => Assert.Contains(p.Checksums, c => c.Algorithm == ChecksumAlgorithm.Crc32));
        Assert.Equal((id, Alice, ChecksumAlgorithm.Crc32, "COMPOSITE"), (result.Upload.UploadId, result.Upload.Initiator, result.Upload.ChecksumAlgorithm!.Value, result.Upload.ChecksumType));
        Assert.False(result.IsTruncated);
        Assert.Null(result.NextPartNumberMarker);
        Assert.Equal((1000, 0), (result.MaxParts, result.PartNumberMarker));
    }

    [Fact]
    public async Task Handle_MaxParts_TruncatesAndMarkerResumes()
    {
        var id = await _f.CreateAsync();
        foreach (var n in new[] { 1, 2, 5, 7, 9 })
        {
            await _f.UploadPartAsync(id, n, [(byte)n]);
        }

        var first = await ListAsync(id, max: 2);
        Assert.Equal([1, 2], first.Parts.Select(p => p.PartNumber));
        Assert.True(first.IsTruncated);
        Assert.Equal(2, first.NextPartNumberMarker);

        var second = await ListAsync(id, max: 2, marker: first.NextPartNumberMarker);
        Assert.Equal([5, 7], second.Parts.Select(p => p.PartNumber));
        Assert.Equal(2, second.PartNumberMarker);

        var last = await ListAsync(id, max: 2, marker: 7);
        Assert.Equal([9], last.Parts.Select(p => p.PartNumber));
        Assert.False(last.IsTruncated);
        Assert.Null(last.NextPartNumberMarker);
    }

    [Fact]
    public async Task Handle_ExactlyMaxParts_NotTruncated()
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, [1]);
        await _f.UploadPartAsync(id, 2, [2]);

        var result = await ListAsync(id, max: 2);

        Assert.False(result.IsTruncated);
    }

    [Theory]
    [InlineData(5000, 1000)]
    [InlineData(-1, 0)]
    [InlineData(null, 1000)]
    public async Task Handle_MaxParts_ClampedTo0Through1000(int? requested, int expected)
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, [1]);

        var result = await ListAsync(id, max: requested);

        Assert.Equal(expected, result.MaxParts);
        Assert.Equal(expected == 0 ? 0 : 1, result.Parts.Count);
    }

    [Fact]
    public async Task Handle_UnknownUpload_ThrowsNoSuchUpload()
    {
        await S3Assert.ThrowsAsync("NoSuchUpload", () => ListAsync("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucket()
    {
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.ListParts.Handle(new ListPartsQuery(Context, "nope", Key, "x"), default));
    }

    [Fact]
    public async Task Handle_StrangerWithoutRead_ThrowsAccessDenied()
    {
        var id = await _f.CreateAsync();
        var stranger = S3RequestContext.Trusted(new Owner("mallory", "mallory"));

        await S3Assert.ThrowsAsync("AccessDenied", () => _f.ListParts.Handle(new ListPartsQuery(stranger, Bucket, Key, id), default));
    }

    private Task<ListPartsResult> ListAsync(string uploadId, int? max = null, int? marker = null) =>
        _f.ListParts.Handle(new ListPartsQuery(Context, Bucket, Key, uploadId, max, marker), default);
}
