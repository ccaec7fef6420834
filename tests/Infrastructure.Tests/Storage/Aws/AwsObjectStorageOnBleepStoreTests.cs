using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Storage.Aws;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>The AWS gateway in front of a second, real BleepStore process (full S3 API, UploadPartCopy included).</summary>
public sealed class AwsObjectStorageOnBleepStoreTests(BleepStoreUpstream upstream) : AwsGatewayContract, IClassFixture<BleepStoreUpstream>
{
    private const int MiB = 1024 * 1024;

    private readonly BleepStoreUpstream _upstream = upstream;
    private readonly AmazonS3Client _client = upstream.CreateClient();

    protected override AmazonS3Client Upstream => _client;

    protected override string UpstreamBucket => BleepStoreUpstream.Bucket;

    [Fact]
    public async Task WriteAsync_Blob_StoredUpstreamUnderPrefixBlobsBucketAndId()
    {
        var blob = await WriteAsync([1, 2, 3]);

        var objects = await UpstreamObjectsAsync();

        Assert.Equal([$"{Prefix}.blobs/{BucketName}/{blob.BlobId}"], objects.Select(o => o.Key));
        Assert.Equal(3, objects[0].Size);
    }

    [Fact]
    public async Task WriteAsync_Body_SentWithItsCrc32_WhichTheUpstreamVerifiedAndKept()
    {
        var blob = await WriteAsync("123456789"u8.ToArray());

        var head = await _client.GetObjectMetadataAsync(new GetObjectMetadataRequest
        {
            BucketName = UpstreamBucket, Key = $"{Prefix}.blobs/{BucketName}/{blob.BlobId}", ChecksumMode = ChecksumMode.ENABLED,
        });

        Assert.Equal("y/Q5Jg==", head.ChecksumCRC32);
    }

    [Theory]
    [InlineData(AwsBlobWriter.HeadSize - 1)]
    [InlineData(AwsBlobWriter.HeadSize)]
    [InlineData(AwsBlobWriter.HeadSize + 1)]
    [InlineData(3 * MiB)]
    public async Task WriteAsync_ShorterThanPartSize_OnePutObjectWhereverTheBodyEnds(int size)
    {
        using var storage = Create(partSize: 5 * MiB);
        var data = TestBodyStream.RandomBytes(size);

        var blob = await storage.WriteAsync(BucketName, new TestBodyStream(data, 100_000), Ct);

        Assert.Equal(size, blob.Size);
        Assert.Equal(data, await ReadAsync(storage, BucketName, blob.BlobId));
        var head = await _client.GetObjectMetadataAsync(UpstreamBucket, $"{Prefix}.blobs/{BucketName}/{blob.BlobId}");
        Assert.DoesNotContain("-", head.ETag, StringComparison.Ordinal);
        Assert.Equal(1, CountArtifacts());
    }

    [Fact]
    public async Task WriteAsync_LongerThanPartSize_UploadedInPartsAndNothingLeftOpen()
    {
        using var storage = Create(partSize: 5 * MiB);
        var data = TestBodyStream.RandomBytes((11 * MiB) + 3);

        var blob = await storage.WriteAsync(BucketName, new TestBodyStream(data, 100_000), Ct);

        Assert.Equal(data.Length, blob.Size);
        Assert.Equal(data, await ReadAsync(storage, BucketName, blob.BlobId));
        var head = await _client.GetObjectMetadataAsync(UpstreamBucket, $"{Prefix}.blobs/{BucketName}/{blob.BlobId}");
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(1, CountArtifacts());
    }

    [Fact]
    public async Task WriteAsync_SourceFailsAfterFirstPart_AbortsUpstreamUploadAndPropagates()
    {
        using var storage = Create(partSize: 5 * MiB);
        var failure = new InvalidDataException("digest mismatch");

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(
            () => storage.WriteAsync(BucketName, new TestBodyStream(TestBodyStream.RandomBytes(12 * MiB), 65536, failure), Ct));

        Assert.Same(failure, thrown);
        Assert.Equal(0, CountArtifacts());
    }

    [Fact]
    public async Task ConcatenateAsync_PartsOver5MiB_AssembledUpstreamByPartCopy()
    {
        byte[][] parts = [TestBodyStream.RandomBytes(5 * MiB, 1), TestBodyStream.RandomBytes(5 * MiB, 2), TestBodyStream.RandomBytes(10, 3)];
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);

        Assert.Equal(parts.Sum(p => p.Length), joined.Size);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), await ReadAllAsync(joined.BlobId, 0, null));

        // An upstream multipart ETag ("…-3") shows the bytes were joined upstream, part by part.
        var head = await _client.GetObjectMetadataAsync(UpstreamBucket, $"{Prefix}.blobs/{BucketName}/{joined.BlobId}");
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(4, CountArtifacts());
    }

    [Fact]
    public async Task CopyAsync_Blob_ServerSideCopyInOtherBucket()
    {
        var data = TestBodyStream.RandomBytes(300_000);
        var source = await WriteAsync(data);
        await Storage.CreateBucketAsync("bucket-2", Ct);

        var copy = await Storage.CopyAsync(BucketName, source.BlobId, "bucket-2", Ct);

        Assert.Equal(data.Length, copy.Size);
        Assert.Equal(data, await ReadAsync(Storage, "bucket-2", copy.BlobId));
        var head = await _client.GetObjectMetadataAsync(UpstreamBucket, $"{Prefix}.blobs/bucket-2/{copy.BlobId}");
        var sourceHead = await _client.GetObjectMetadataAsync(UpstreamBucket, $"{Prefix}.blobs/{BucketName}/{source.BlobId}");
        Assert.Equal(sourceHead.ETag, head.ETag);
    }

    [Fact]
    public async Task CopyAsync_MissingSource_ThrowsBlobNotFoundAndLeavesNothing()
    {
        await Assert.ThrowsAsync<BlobNotFoundException>(() => Storage.CopyAsync(BucketName, "0123456789abcdef0123456789abcdef", BucketName, Ct));

        Assert.Equal(0, CountArtifacts());
    }

    [Fact]
    public async Task Operations_UpstreamUnreachable_ServiceUnavailable()
    {
        using var storage = new AwsObjectStorage(Options() with { EndpointUrl = $"http://127.0.0.1:{FreePort.Next()}" });

        var write = await Assert.ThrowsAsync<S3Exception>(() => storage.WriteAsync(BucketName, new MemoryStream([1]), Ct));
        var read = await Assert.ThrowsAsync<S3Exception>(() => storage.OpenReadAsync(BucketName, "0123456789abcdef0123456789abcdef", 0, null, Ct));
        var health = await Assert.ThrowsAsync<S3Exception>(() => storage.CheckHealthAsync(Ct));

        Assert.All([write, read, health], e => Assert.Equal("ServiceUnavailable", e.Error.Code));
    }

    [Fact]
    public async Task CheckHealthAsync_MissingBucketOrBadSecret_Throws()
    {
        using var noBucket = new AwsObjectStorage(Options() with { Bucket = "no-such-bucket" });
        using var badSecret = new AwsObjectStorage(Options() with { SecretAccessKey = "wrong" });

        await Assert.ThrowsAsync<S3Exception>(() => noBucket.CheckHealthAsync(Ct));
        await Assert.ThrowsAsync<S3Exception>(() => badSecret.CheckHealthAsync(Ct));
    }

    protected override IObjectStorage CreateStorage(string directory) => new AwsObjectStorage(Options());

    private AwsObjectStorage Create(int partSize) => new(Options() with { PartSize = partSize });

    private AwsGatewayOptions Options() => new()
    {
        Bucket = BleepStoreUpstream.Bucket,
        Prefix = Prefix,
        EndpointUrl = _upstream.Endpoint,
        UsePathStyle = true,
        AccessKeyId = BleepStoreUpstream.AccessKey,
        SecretAccessKey = BleepStoreUpstream.SecretKey,
    };
}
