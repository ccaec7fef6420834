using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>The seven multipart operations through AWSSDK.S3 on the real app (spec 30).</summary>
public sealed class SdkMultipartTests : IClassFixture<BleepStoreFactory>
{
    private const int MiB = 1024 * 1024;

    private readonly IAmazonS3 _s3;

    public SdkMultipartTests(BleepStoreFactory factory) => _s3 = factory.CreateS3Client();

    [Fact]
    public async Task Lifecycle_TwoFullPartsAndASmallLast_ListPartsListUploadsComplete()
    {
        var bucket = await CreateBucketAsync();
        const string key = "big/ünï cødé.bin";
        var data = Bytes(2 * 5 * MiB + 1234, seed: 1);

        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = "video/mp4",
            Metadata = { ["Origin"] = "camera" },
            StorageClass = S3StorageClass.StandardInfrequentAccess,
        });
        Assert.Equal(bucket, init.BucketName);
        Assert.Equal(key, init.Key);
        Assert.False(string.IsNullOrEmpty(init.UploadId));

        var etags = new List<PartETag>();
        for (var (n, offset) = (1, 0); offset < data.Length; n++, offset += 5 * MiB)
        {
            var length = Math.Min(5 * MiB, data.Length - offset);
            var part = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = bucket,
                Key = key,
                UploadId = init.UploadId,
                PartNumber = n,
                InputStream = new MemoryStream(data, offset, length),
            });
            Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(data.AsSpan(offset, length))) + "\"", part.ETag);
            etags.Add(new PartETag(n, part.ETag));
        }

        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = init.UploadId });
        Assert.Equal([1, 2, 3], parts.Parts.Select(p => p.PartNumber));
        Assert.Equal([5L * MiB, 5L * MiB, 1234L], parts.Parts.Select(p => p.Size));
        Assert.Equal(etags.Select(e => e.ETag), parts.Parts.Select(p => p.ETag));
        Assert.Equal(BleepStoreFactory.AccessKey, parts.Initiator.Id);
        Assert.Equal(BleepStoreFactory.AccessKey, parts.Owner.Id);
        Assert.Equal(S3StorageClass.StandardInfrequentAccess, parts.StorageClass);
        Assert.False(parts.IsTruncated);

        var paged = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = init.UploadId, MaxParts = 2, PartNumberMarker = "1" });
        Assert.Equal([2, 3], paged.Parts.Select(p => p.PartNumber));
        Assert.False(paged.IsTruncated);
        var first = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = init.UploadId, MaxParts = 1 });
        Assert.True(first.IsTruncated);
        Assert.Equal(1, first.NextPartNumberMarker);

        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
        var listed = Assert.Single(uploads.MultipartUploads);
        Assert.Equal(key, listed.Key);
        Assert.Equal(init.UploadId, listed.UploadId);
        Assert.Equal(BleepStoreFactory.AccessKey, listed.Initiator.Id);

        var complete = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = init.UploadId, PartETags = etags });
        Assert.Equal(bucket, complete.BucketName);
        Assert.Equal(key, complete.Key);
        Assert.Equal(ExpectedCompositeETag(data, 5 * MiB), complete.ETag);
        Assert.EndsWith($"/{bucket}/big/%C3%BCn%C3%AF%20c%C3%B8d%C3%A9.bin", complete.Location, StringComparison.Ordinal);
        Assert.StartsWith("http://", complete.Location, StringComparison.Ordinal);

        using (var got = await _s3.GetObjectAsync(bucket, key))
        {
            using var copy = new MemoryStream();
            await got.ResponseStream.CopyToAsync(copy);
            Assert.Equal(data, copy.ToArray());
            Assert.Equal(complete.ETag, got.ETag);
            Assert.Equal("video/mp4", got.Headers.ContentType);
            Assert.Equal("camera", got.Metadata["x-amz-meta-origin"]);
        }

        Assert.Empty((await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? []);
        await S3Assert.ErrorAsync(() => _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = init.UploadId }), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task Complete_ValidationErrors_InSpecOrder()
    {
        var bucket = await CreateBucketAsync();
        var init = await _s3.InitiateMultipartUploadAsync(bucket, "k");
        var small = await UploadAsync(bucket, "k", init.UploadId, 1, Bytes(100, 2));
        var last = await UploadAsync(bucket, "k", init.UploadId, 2, Bytes(100, 3));
        CompleteMultipartUploadRequest Complete(params PartETag[] parts) => new() { BucketName = bucket, Key = "k", UploadId = init.UploadId, PartETags = [.. parts] };

        // The SDK sorts PartETags by number, so only a duplicate reaches the server out of order (descending: RawMultipartTests).
        await S3Assert.ErrorAsync(() => _s3.CompleteMultipartUploadAsync(Complete(new PartETag(1, small), new PartETag(1, small))), HttpStatusCode.BadRequest, "InvalidPartOrder");
        await S3Assert.ErrorAsync(() => _s3.CompleteMultipartUploadAsync(Complete(new PartETag(1, "\"00000000000000000000000000000000\""))), HttpStatusCode.BadRequest, "InvalidPart");
        await S3Assert.ErrorAsync(() => _s3.CompleteMultipartUploadAsync(Complete(new PartETag(1, small), new PartETag(3, last))), HttpStatusCode.BadRequest, "InvalidPart");
        await S3Assert.ErrorAsync(() => _s3.CompleteMultipartUploadAsync(Complete(new PartETag(1, small), new PartETag(2, last))), HttpStatusCode.BadRequest, "EntityTooSmall");
        await S3Assert.ErrorAsync(
            () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "k", UploadId = "no-such-upload", PartETags = [new PartETag(1, small)] }),
            HttpStatusCode.NotFound,
            "NoSuchUpload");

        // Every failure left the upload as it was: a single small part still completes.
        var done = await _s3.CompleteMultipartUploadAsync(Complete(new PartETag(1, small)));
        Assert.EndsWith("-1\"", done.ETag, StringComparison.Ordinal);
        Assert.Equal(100, (await _s3.GetObjectMetadataAsync(bucket, "k")).ContentLength);
    }

    [Fact]
    public async Task Abort_RemovesTheUpload()
    {
        var bucket = await CreateBucketAsync();
        var init = await _s3.InitiateMultipartUploadAsync(bucket, "a");
        await UploadAsync(bucket, "a", init.UploadId, 1, Bytes(10, 4));

        var aborted = await _s3.AbortMultipartUploadAsync(bucket, "a", init.UploadId);

        Assert.Equal(HttpStatusCode.NoContent, aborted.HttpStatusCode);
        Assert.Empty((await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket })).MultipartUploads ?? []);
        await S3Assert.ErrorAsync(() => _s3.AbortMultipartUploadAsync(bucket, "a", init.UploadId), HttpStatusCode.NotFound, "NoSuchUpload");
        await S3Assert.ErrorAsync(() => UploadAsync(bucket, "a", init.UploadId, 2, Bytes(1, 5)), HttpStatusCode.NotFound, "NoSuchUpload");
    }

    [Fact]
    public async Task UploadPart_BadPartNumber_IsInvalidArgument()
    {
        var bucket = await CreateBucketAsync();
        var init = await _s3.InitiateMultipartUploadAsync(bucket, "p");

        await S3Assert.ErrorAsync(() => UploadAsync(bucket, "p", init.UploadId, 10001, Bytes(1, 6)), HttpStatusCode.BadRequest, "InvalidArgument");
    }

    [Fact]
    public async Task ListMultipartUploads_PrefixDelimiterAndPaging()
    {
        var bucket = await CreateBucketAsync();
        var ids = new Dictionary<string, string>();
        foreach (var key in (string[])["a", "dir/1", "dir/2", "z"])
        {
            ids[key] = (await _s3.InitiateMultipartUploadAsync(bucket, key)).UploadId;
        }

        var rolled = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Delimiter = "/" });
        Assert.Equal(["a", "z"], rolled.MultipartUploads.Select(u => u.Key));
        Assert.Equal(["dir/"], rolled.CommonPrefixes);

        var prefixed = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = "dir/" });
        Assert.Equal(["dir/1", "dir/2"], prefixed.MultipartUploads.Select(u => u.Key));

        var keys = new List<string>();
        var request = new ListMultipartUploadsRequest { BucketName = bucket, MaxUploads = 3 };
        ListMultipartUploadsResponse page;
        do
        {
            page = await _s3.ListMultipartUploadsAsync(request);
            keys.AddRange(page.MultipartUploads.Select(u => u.Key));
            request.KeyMarker = page.NextKeyMarker;
            request.UploadIdMarker = page.NextUploadIdMarker;
        }
        while (page.IsTruncated == true);

        Assert.Equal(["a", "dir/1", "dir/2", "z"], keys);
    }

    [Fact]
    public async Task UploadPartCopy_CopiesARangeOfAnObject()
    {
        var bucket = await CreateBucketAsync();
        var source = Bytes(6 * MiB, 7);
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "source", InputStream = new MemoryStream(source) });
        var init = await _s3.InitiateMultipartUploadAsync(bucket, "assembled");

        var copied = await _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = bucket,
            SourceKey = "source",
            DestinationBucket = bucket,
            DestinationKey = "assembled",
            UploadId = init.UploadId,
            PartNumber = 1,
            FirstByte = 0,
            LastByte = 5 * MiB - 1,
        });
        var tail = await UploadAsync(bucket, "assembled", init.UploadId, 2, source[(5 * MiB)..]);

        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(source.AsSpan(0, 5 * MiB))) + "\"", copied.ETag);
        Assert.NotNull(copied.LastModified);
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "assembled",
            UploadId = init.UploadId,
            PartETags = [new PartETag(1, copied.ETag), new PartETag(2, tail)],
        });

        using var got = await _s3.GetObjectAsync(bucket, "assembled");
        using var bytes = new MemoryStream();
        await got.ResponseStream.CopyToAsync(bytes);
        Assert.Equal(source, bytes.ToArray());

        await S3Assert.ErrorAsync(
            () => _s3.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = bucket,
                SourceKey = "source",
                DestinationBucket = bucket,
                DestinationKey = "assembled2",
                UploadId = init.UploadId,
                PartNumber = 1,
            }),
            HttpStatusCode.NotFound,
            "NoSuchUpload");
    }

    [Fact]
    public async Task Checksums_CompositeCrc32_EchoedAtCreate_PerPart_AtComplete_AndOnHead()
    {
        var bucket = await CreateBucketAsync();
        var init = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "c", ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });
        Assert.Equal(ChecksumAlgorithm.CRC32, init.ChecksumAlgorithm);

        var part1 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "c", UploadId = init.UploadId, PartNumber = 1, InputStream = new MemoryStream(Bytes(5 * MiB, 8)), ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });
        var part2 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = "c", UploadId = init.UploadId, PartNumber = 2, InputStream = new MemoryStream(Bytes(10, 9)), ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });
        Assert.False(string.IsNullOrEmpty(part1.ChecksumCRC32));

        var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = "c", UploadId = init.UploadId });
        Assert.Equal([part1.ChecksumCRC32, part2.ChecksumCRC32], parts.Parts.Select(p => p.ChecksumCRC32));
        Assert.Equal(ChecksumAlgorithm.CRC32, parts.ChecksumAlgorithm);
        Assert.Equal(ChecksumType.COMPOSITE, parts.ChecksumType);

        var complete = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = "c",
            UploadId = init.UploadId,
            PartETags = [new PartETag { PartNumber = 1, ETag = part1.ETag, ChecksumCRC32 = part1.ChecksumCRC32 }, new PartETag { PartNumber = 2, ETag = part2.ETag, ChecksumCRC32 = part2.ChecksumCRC32 }],
        });
        Assert.EndsWith("-2", complete.ChecksumCRC32, StringComparison.Ordinal);
        Assert.Equal(ChecksumType.COMPOSITE, complete.ChecksumType);

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "c", ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(complete.ChecksumCRC32, head.ChecksumCRC32);
        Assert.Equal(ChecksumType.COMPOSITE, head.ChecksumType);
    }

    [Fact]
    public async Task PartNumber_OnGetAndHead_ServesThatPart_WithPartsCount()
    {
        var bucket = await CreateBucketAsync();
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "single", ContentBody = "0123456789" });
        var init = await _s3.InitiateMultipartUploadAsync(bucket, "multi");
        var p1 = await UploadAsync(bucket, "multi", init.UploadId, 1, Bytes(5 * MiB, 10));
        var p2 = await UploadAsync(bucket, "multi", init.UploadId, 2, Bytes(3, 11));
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = bucket, Key = "multi", UploadId = init.UploadId, PartETags = [new PartETag(1, p1), new PartETag(2, p2)] });

        using (var got = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 1 }))
        {
            Assert.Equal(HttpStatusCode.PartialContent, got.HttpStatusCode);
            Assert.Equal("bytes 0-9/10", got.ContentRange);
            Assert.Equal("0123456789", await new StreamReader(got.ResponseStream).ReadToEndAsync());
            Assert.Null(got.PartsCount);
        }

        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "single", PartNumber = 1 });
        Assert.Equal(10, head.ContentLength);
        await S3Assert.ErrorAsync(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "single", PartNumber = 2 }), HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidPartNumber");

        var multiHead = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "multi", PartNumber = 1 });
        Assert.Equal(5 * MiB, multiHead.ContentLength);
        Assert.Equal(2, multiHead.PartsCount);
        using (var second = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "multi", PartNumber = 2 }))
        {
            Assert.Equal(HttpStatusCode.PartialContent, second.HttpStatusCode);
            Assert.Equal($"bytes {5 * MiB}-{(5 * MiB) + 2}/{(5 * MiB) + 3}", second.ContentRange);
            Assert.Equal(2, second.PartsCount);
            using var copy = new MemoryStream();
            await second.ResponseStream.CopyToAsync(copy);
            Assert.Equal(Bytes(3, 11), copy.ToArray());
        }

        await S3Assert.ErrorAsync(() => _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "multi", PartNumber = 3 }), HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidPartNumber");
    }

    private async Task<string> UploadAsync(string bucket, string key, string uploadId, int number, byte[] data) =>
        (await _s3.UploadPartAsync(new UploadPartRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartNumber = number, InputStream = new MemoryStream(data) })).ETag;

    private async Task<string> CreateBucketAsync()
    {
        var bucket = S3Assert.NewBucket("m");
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    private static byte[] Bytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private static string ExpectedCompositeETag(byte[] data, int partSize)
    {
        using var concatenated = new MemoryStream();
        var count = 0;
        for (var offset = 0; offset < data.Length; offset += partSize, count++)
        {
            concatenated.Write(MD5.HashData(data.AsSpan(offset, Math.Min(partSize, data.Length - offset))));
        }

        return "\"" + Convert.ToHexStringLower(MD5.HashData(concatenated.ToArray())) + "-" + count + "\"";
    }
}
