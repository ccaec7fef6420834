using System.Net;
using System.Security.Cryptography;

namespace BleepStore.E2E.Multipart;

/// <summary>The seven multipart operations through AWSSDK.S3's low-level API.</summary>
public sealed class MultipartApiTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private const long PartSize = 5L * Digests.MiB;
    private readonly IAmazonS3 _s3 = fixture.S3;
    private readonly string _bucket = fixture.Bucket;

    [Fact]
    public async Task UploadListPartsComplete_CompositeEtag_BytesRoundTrip()
    {
        const string key = "mpu/basic é+ 🙂.bin";
        var start = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = "application/x-mpu" });
        var sizes = new[] { PartSize, PartSize, 1234L };
        var parts = new List<PartETag>();
        var partMd5s = new List<byte[]>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var seed = 500UL + (ulong)i;
            var up = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = i + 1, InputStream = new PatternStream(sizes[i], seed),
            });
            var md5 = await Digests.PatternMd5Async(sizes[i], seed);
            S3Assert.EtagIsMd5(md5, up.ETag);
            partMd5s.Add(md5);
            parts.Add(new PartETag(i + 1, up.ETag));
        }

        var listed = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId });
        Assert.Equal([1, 2, 3], (listed.Parts ?? []).Select(p => p.PartNumber ?? 0));
        Assert.Equal(sizes, (listed.Parts ?? []).Select(p => p.Size ?? 0));
        Assert.Equal(parts.Select(p => p.ETag), (listed.Parts ?? []).Select(p => p.ETag));

        var paged = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, MaxParts = 2 });
        Assert.True(paged.IsTruncated);
        Assert.Equal(2, paged.NextPartNumberMarker);
        var rest = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumberMarker = "2" });
        Assert.Equal([3], (rest.Parts ?? []).Select(p => p.PartNumber ?? 0));

        var complete = await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = parts });

        var composite = "\"" + Convert.ToHexStringLower(MD5.HashData(partMd5s.SelectMany(m => m).ToArray())) + "-3\"";
        Assert.Equal(composite, complete.ETag);
        var head = await _s3.GetObjectMetadataAsync(_bucket, key);
        Assert.Equal(sizes.Sum(), head.ContentLength);
        Assert.Equal(composite, head.ETag);
        Assert.Equal("application/x-mpu", head.Headers.ContentType);
        using var get = await _s3.GetObjectAsync(_bucket, key);
        using var expected = new MemoryStream();
        for (var i = 0; i < sizes.Length; i++)
        {
            await new PatternStream(sizes[i], 500UL + (ulong)i).CopyToAsync(expected);
        }

        var (md5All, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(sizes.Sum(), length);
        Assert.Equal(MD5.HashData(expected.ToArray()), md5All);
    }

    [Fact]
    public async Task CompleteRetried_AfterSuccess_AnswersTheSameETag_UntilTheKeyChanges()
    {
        const string key = "mpu/retried";
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 1, InputStream = new PatternStream(1000, 1) });
        var request = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, part.ETag)] };
        var first = await _s3.CompleteMultipartUploadAsync(request);

        var again = await _s3.CompleteMultipartUploadAsync(request);

        Assert.Equal((HttpStatusCode.OK, first.ETag, key), (again.HttpStatusCode, again.ETag, again.Key));
        Assert.Equal(1000, (await _s3.GetObjectMetadataAsync(_bucket, key)).ContentLength);
        var otherList = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(2, part.ETag)] };
        await S3Assert.FailsWithAsync("NoSuchUpload", HttpStatusCode.NotFound, () => _s3.CompleteMultipartUploadAsync(otherList));

        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "replaced" });
        await S3Assert.FailsWithAsync("NoSuchUpload", HttpStatusCode.NotFound, () => _s3.CompleteMultipartUploadAsync(request));
    }

    [Fact]
    public async Task Abort_RemovesUpload_ThenNoSuchUpload()
    {
        const string key = "mpu/aborted";
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 1, InputStream = new PatternStream(PartSize, 2) });

        var abort = await _s3.AbortMultipartUploadAsync(_bucket, key, start.UploadId);

        Assert.Equal(HttpStatusCode.NoContent, abort.HttpStatusCode);
        await S3Assert.FailsWithAsync("NoSuchUpload", HttpStatusCode.NotFound,
            () => _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId }));
        await S3Assert.FailsWithAsync("NoSuchUpload", HttpStatusCode.NotFound, () => _s3.AbortMultipartUploadAsync(_bucket, key, start.UploadId));
        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = key });
        Assert.Empty(uploads.MultipartUploads ?? []);
        await S3Assert.FailsWithStatusAsync(HttpStatusCode.NotFound, () => _s3.GetObjectMetadataAsync(_bucket, key));
    }

    [Fact]
    public async Task ListMultipartUploads_PrefixDelimiterMarkers()
    {
        var bucket = BucketNames.New();
        await _s3.PutBucketAsync(bucket);
        var ids = new Dictionary<string, string>();
        try
        {
            foreach (var key in new[] { "a/1", "a/2", "b/1", "top" })
            {
                ids[key] = (await _s3.InitiateMultipartUploadAsync(bucket, key)).UploadId;
            }

            var all = await _s3.ListMultipartUploadsAsync(bucket);
            Assert.Equal(["a/1", "a/2", "b/1", "top"], (all.MultipartUploads ?? []).Select(u => u.Key));
            Assert.Equal(ids["a/1"], all.MultipartUploads![0].UploadId);

            var rolled = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Delimiter = "/" });
            Assert.Equal(["top"], (rolled.MultipartUploads ?? []).Select(u => u.Key));
            Assert.Equal(["a/", "b/"], rolled.CommonPrefixes ?? []);

            var prefixed = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, Prefix = "a/" });
            Assert.Equal(["a/1", "a/2"], (prefixed.MultipartUploads ?? []).Select(u => u.Key));

            var first = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket, MaxUploads = 2 });
            Assert.True(first.IsTruncated);
            Assert.Equal("a/2", first.NextKeyMarker);
            var second = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest
            {
                BucketName = bucket, KeyMarker = first.NextKeyMarker, UploadIdMarker = first.NextUploadIdMarker,
            });
            Assert.Equal(["b/1", "top"], (second.MultipartUploads ?? []).Select(u => u.Key));
        }
        finally
        {
            foreach (var (key, id) in ids)
            {
                await _s3.AbortMultipartUploadAsync(bucket, key, id);
            }

            await _s3.DeleteBucketAsync(bucket);
        }
    }

    [Fact]
    public async Task UploadPartCopy_WithRange_CopiesThoseBytes()
    {
        const long sourceSize = 12L * Digests.MiB;
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "mpu/copy-source", InputStream = new PatternStream(sourceSize, 9) });
        const string key = "mpu/part-copy";
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);

        var first = await _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = _bucket, SourceKey = "mpu/copy-source", DestinationBucket = _bucket, DestinationKey = key, UploadId = start.UploadId,
            PartNumber = 1, FirstByte = 0, LastByte = PartSize - 1,
        });
        var second = await _s3.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = _bucket, SourceKey = "mpu/copy-source", DestinationBucket = _bucket, DestinationKey = key, UploadId = start.UploadId,
            PartNumber = 2, FirstByte = sourceSize - 100, LastByte = sourceSize - 1,
        });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, first.ETag), new PartETag(2, second.ETag)],
        });

        using var source = new PatternStream(sourceSize, 9);
        var expected = new byte[PartSize + 100];
        source.ReadExactly(expected.AsSpan(0, (int)PartSize));
        source.Position = sourceSize - 100;
        source.ReadExactly(expected.AsSpan((int)PartSize));
        using var get = await _s3.GetObjectAsync(_bucket, key);
        var (md5, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(expected.Length, length);
        Assert.Equal(MD5.HashData(expected), md5);
    }

    [Fact]
    public async Task UploadPartCopy_RangePastSourceEnd_FailsInvalidRange()
    {
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "mpu/small-source", ContentBody = "0123456789" });
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, "mpu/bad-range");
        try
        {
            await S3Assert.FailsWithAsync("InvalidRange", HttpStatusCode.RequestedRangeNotSatisfiable, () => _s3.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = _bucket, SourceKey = "mpu/small-source", DestinationBucket = _bucket, DestinationKey = "mpu/bad-range",
                UploadId = start.UploadId, PartNumber = 1, FirstByte = 5, LastByte = 50,
            }));
        }
        finally
        {
            await _s3.AbortMultipartUploadAsync(_bucket, "mpu/bad-range", start.UploadId);
        }
    }

    [Fact]
    public async Task Complete_WrongEtag_InvalidPart_SmallNonLastPart_EntityTooSmall_UploadKept()
    {
        const string key = "mpu/invalid";
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        try
        {
            var p1 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 1, InputStream = new PatternStream(100, 1) });
            var p2 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 2, InputStream = new PatternStream(100, 2) });

            await S3Assert.FailsWithAsync("InvalidPart", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, "\"0123456789abcdef0123456789abcdef\"")],
            }));
            // InvalidPartOrder is checked in the boto3 suite: AWSSDK.S3 sorts PartETags before sending them.
            await S3Assert.FailsWithAsync("EntityTooSmall", HttpStatusCode.BadRequest, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
            }));
            // Nothing consumed the upload: its parts are still listed.
            var parts = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId });
            Assert.Equal(2, (parts.Parts ?? []).Count);
        }
        finally
        {
            await _s3.AbortMultipartUploadAsync(_bucket, key, start.UploadId);
        }
    }

    [Fact]
    public async Task Complete_IfNoneMatchStarOnExistingKey_412()
    {
        const string key = "mpu/conditional";
        await _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = "already here" });
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        var part = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 1, InputStream = new PatternStream(10, 1) });
        try
        {
            await S3Assert.FailsWithAsync("PreconditionFailed", HttpStatusCode.PreconditionFailed, () => _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, part.ETag)], IfNoneMatch = "*",
            }));
        }
        finally
        {
            await _s3.AbortMultipartUploadAsync(_bucket, key, start.UploadId);
        }

        using var get = await _s3.GetObjectAsync(_bucket, key);
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal("already here", await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task PerPartChecksums_ReturnedByListParts_AndByGetHeadWithChecksumMode()
    {
        const string key = "mpu/checksums";
        var start = await _s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ChecksumAlgorithm = ChecksumAlgorithm.SHA256 });
        var sizes = new[] { PartSize, 4096L };
        var parts = new List<PartETag>();
        var partDigests = new List<byte[]>();
        for (var i = 0; i < sizes.Length; i++)
        {
            var seed = 900UL + (ulong)i;
            var up = await _s3.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = i + 1, InputStream = new PatternStream(sizes[i], seed),
                ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
            });
            await using var pattern = new PatternStream(sizes[i], seed);
            var sha = await SHA256.HashDataAsync(pattern);
            partDigests.Add(sha);
            Assert.Equal(Convert.ToBase64String(sha), up.ChecksumSHA256);
            parts.Add(new PartETag { PartNumber = i + 1, ETag = up.ETag, ChecksumSHA256 = up.ChecksumSHA256 });
        }

        var listed = await _s3.ListPartsAsync(new ListPartsRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId });
        Assert.Equal(partDigests.Select(Convert.ToBase64String), (listed.Parts ?? []).Select(p => p.ChecksumSHA256));

        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = parts });

        // Composite: SHA-256 of the concatenated part digests, "-N".
        var composite = Convert.ToBase64String(SHA256.HashData(partDigests.SelectMany(d => d).ToArray())) + "-2";
        var head = await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(composite, head.ChecksumSHA256);
        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, ChecksumMode = ChecksumMode.ENABLED });
        Assert.Equal(composite, get.ChecksumSHA256);
        var (_, length) = await Digests.Md5Async(get.ResponseStream);
        Assert.Equal(sizes.Sum(), length);
        var plainHead = await _s3.GetObjectMetadataAsync(_bucket, key);
        Assert.Null(plainHead.ChecksumSHA256);
    }

    [Fact]
    public async Task GetPartNumber_ReturnsThatPart()
    {
        const string key = "mpu/part-number";
        var start = await _s3.InitiateMultipartUploadAsync(_bucket, key);
        var p1 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 1, InputStream = new PatternStream(PartSize, 31) });
        var p2 = await _s3.UploadPartAsync(new UploadPartRequest { BucketName = _bucket, Key = key, UploadId = start.UploadId, PartNumber = 2, InputStream = new PatternStream(777, 32) });
        await _s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = _bucket, Key = key, UploadId = start.UploadId, PartETags = [new PartETag(1, p1.ETag), new PartETag(2, p2.ETag)],
        });

        using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key, PartNumber = 2 });
        var (md5, length) = await Digests.Md5Async(get.ResponseStream);

        Assert.Equal(777, length);
        Assert.Equal(await Digests.PatternMd5Async(777, 32), md5);
        Assert.Equal(2, get.PartsCount);
    }
}
