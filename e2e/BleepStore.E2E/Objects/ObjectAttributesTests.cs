using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>
/// GetObjectAttributes through AWSSDK.S3: a single PUT; a COMPOSITE 3-part upload paged by max-parts with its part checksums
/// (and on part reads); FULL_OBJECT and no-checksum uploads giving only their part count, as S3 does; errors.
/// </summary>
public sealed class ObjectAttributesTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private readonly IAmazonS3 _s3 = fixture.S3;

    [Fact]
    public async Task SinglePut_EtagSizeStorageClassChecksum()
    {
        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = "attr/one", ContentBody = "hello", ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });

        var attrs = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = fixture.Bucket,
            Key = "attr/one",
            ObjectAttributes = [ObjectAttributes.ETag, ObjectAttributes.ObjectSize, ObjectAttributes.StorageClass, ObjectAttributes.Checksum, ObjectAttributes.ObjectParts],
        });

        Assert.Equal(put.ETag.Trim('"'), attrs.ETag);
        Assert.Equal(5, attrs.ObjectSize);
        Assert.Equal(S3StorageClass.Standard, attrs.StorageClass);
        Assert.Equal(put.ChecksumCRC32, attrs.Checksum?.ChecksumCRC32);
        Assert.Null(attrs.ObjectParts);
        Assert.NotEqual(default, attrs.LastModified);
    }

    [Fact]
    public async Task CompositeMultipart_ObjectPartsPagedWithPartChecksums_ChecksumWithoutPartCount()
    {
        var (key, checksums, complete) = await UploadThreePartsAsync("attr/mp-sha256", ChecksumAlgorithm.SHA256, null);
        Assert.EndsWith("-3", complete.ChecksumSHA256, StringComparison.Ordinal);

        var first = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = fixture.Bucket, Key = key, ObjectAttributes = [ObjectAttributes.ObjectParts, ObjectAttributes.Checksum], MaxParts = 2,
        });
        Assert.Equal(complete.ChecksumSHA256[..^2], first.Checksum.ChecksumSHA256);
        Assert.Equal(ChecksumType.COMPOSITE, first.Checksum.ChecksumType);
        Assert.Equal(3, first.ObjectParts.TotalPartsCount);
        Assert.True(first.ObjectParts.IsTruncated);
        Assert.Equal(2, first.ObjectParts.NextPartNumberMarker);
        Assert.Equal([(1, 5L * 1024 * 1024, checksums[0]), (2, 5L * 1024 * 1024, checksums[1])], first.ObjectParts.Parts.Select(p => (p.PartNumber ?? 0, p.Size ?? 0, (string?)p.ChecksumSHA256)));

        var second = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
        {
            BucketName = fixture.Bucket, Key = key, ObjectAttributes = [ObjectAttributes.ObjectParts], MaxParts = 2, PartNumberMarker = first.ObjectParts.NextPartNumberMarker,
        });
        Assert.False(second.ObjectParts.IsTruncated);
        Assert.Equal(3, second.ObjectParts.NextPartNumberMarker);
        Assert.Equal([(3, 1000L, checksums[2])], second.ObjectParts.Parts.Select(p => (p.PartNumber ?? 0, p.Size ?? 0, (string?)p.ChecksumSHA256)));
    }

    [Fact]
    public async Task FullObjectOrNoChecksumMultipart_OnlyTotalPartsCount_NoPartChecksumOnAPartRead()
    {
        // As S3 answers a general purpose bucket: Part elements only when the object's checksum is COMPOSITE.
        foreach (var (key, algorithm, type) in new[] { ("attr/mp-none", (ChecksumAlgorithm?)null, (ChecksumType?)null), ("attr/mp-full-crc32", ChecksumAlgorithm.CRC32, ChecksumType.FULL_OBJECT) })
        {
            var (_, _, complete) = await UploadThreePartsAsync(key, algorithm, type);
            Assert.Equal(type, complete.ChecksumType);
            var attrs = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest
            {
                BucketName = fixture.Bucket, Key = key, ObjectAttributes = [ObjectAttributes.ObjectParts, ObjectAttributes.Checksum],
            });
            Assert.Equal(3, attrs.ObjectParts.TotalPartsCount);
            Assert.Empty(attrs.ObjectParts.Parts ?? []);
            Assert.Null(attrs.ObjectParts.MaxParts);
            Assert.Null(attrs.ObjectParts.IsTruncated);

            using var part = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = fixture.Bucket, Key = key, PartNumber = 2, ChecksumMode = ChecksumMode.ENABLED });
            Assert.Equal(5 * 1024 * 1024, part.ContentLength);
            Assert.Null(part.ChecksumCRC32);
        }
    }

    private async Task<(string Key, List<string?> PartChecksums, CompleteMultipartUploadResponse Complete)> UploadThreePartsAsync(string key, ChecksumAlgorithm? algorithm, ChecksumType? type)
    {
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = fixture.Bucket, Key = key, ChecksumAlgorithm = algorithm, ChecksumType = type });
        var parts = new List<PartETag>();
        var checksums = new List<string?>();
        for (var n = 1; n <= 3; n++)
        {
            var data = new byte[n < 3 ? 5 * 1024 * 1024 : 1000];
            Array.Fill(data, (byte)n);
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = fixture.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = n, InputStream = new MemoryStream(data), ChecksumAlgorithm = algorithm,
            });
            parts.Add(new PartETag { PartNumber = n, ETag = part.ETag, ChecksumSHA256 = part.ChecksumSHA256, ChecksumCRC32 = part.ChecksumCRC32 });
            checksums.Add(part.ChecksumSHA256);
        }

        var complete = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = fixture.Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });
        return (key, checksums, complete);
    }

    [Fact]
    public async Task MultipartWithCrc32_EachPartsChecksum_InObjectPartsAndOnAPartRead()
    {
        var key = "attr/mp-crc32";
        var upload = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = fixture.Bucket, Key = key, ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });
        var parts = new List<PartETag>();
        var checksums = new List<string>();
        for (var n = 1; n <= 2; n++)
        {
            var data = new byte[n == 1 ? 5 * 1024 * 1024 : 1000];
            Array.Fill(data, (byte)n);
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = fixture.Bucket, Key = key, UploadId = upload.UploadId, PartNumber = n, InputStream = new MemoryStream(data), ChecksumAlgorithm = ChecksumAlgorithm.CRC32,
            });
            parts.Add(new PartETag { PartNumber = n, ETag = part.ETag, ChecksumCRC32 = part.ChecksumCRC32 });
            checksums.Add(part.ChecksumCRC32);
        }

        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = fixture.Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts });

        var attrs = await _s3.GetObjectAttributesAsync(new GetObjectAttributesRequest { BucketName = fixture.Bucket, Key = key, ObjectAttributes = [ObjectAttributes.ObjectParts] });
        Assert.Equal(checksums, attrs.ObjectParts.Parts.Select(p => p.ChecksumCRC32));
        using var second = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = fixture.Bucket, Key = key, PartNumber = 2, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(checksums[1], second.ChecksumCRC32);
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = fixture.Bucket, Key = key, PartNumber = 1, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(checksums[0], head.ChecksumCRC32);
    }

    [Fact]
    public async Task MissingKey_NoSuchKey() =>
        await S3Assert.FailsWithAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAttributesAsync(
            new GetObjectAttributesRequest { BucketName = fixture.Bucket, Key = "attr/none", ObjectAttributes = [ObjectAttributes.ETag] }));
}
