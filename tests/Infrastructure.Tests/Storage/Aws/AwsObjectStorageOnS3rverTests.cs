using Amazon.S3;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Aws;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>
/// The AWS gateway in front of s3rver (interop with a second, independent S3 implementation), in the mode
/// such upstreams need: plain bodies (<c>chunk_encoding: false</c>) and copies and multipart assembly
/// streamed through the gateway (<c>server_side_copy: false</c>), since s3rver has no UploadPartCopy and
/// does not decode the SDK's percent-encoded copy source. The whole contract
/// runs. What s3rver cannot do: AbortMultipartUpload (a failed write's parts stay in its store, never as an
/// object — asserted below) and listing in-progress uploads (so those are not counted as artifacts).
/// </summary>
public sealed class AwsObjectStorageOnS3rverTests(S3rverUpstream upstream) : AwsGatewayContract, IClassFixture<S3rverUpstream>
{
    private const int MiB = 1024 * 1024;

    private readonly S3rverUpstream _upstream = upstream;
    private readonly AmazonS3Client _client = upstream.CreateClient();

    protected override AmazonS3Client Upstream => _client;

    protected override string UpstreamBucket => S3rverUpstream.Bucket;

    protected override bool ListsUploads => false;

    [Fact]
    public async Task WriteAsync_LongerThanPartSize_UploadedInPlainPartsAndReadBack()
    {
        using var storage = Create(partSize: 5 * MiB);
        var data = TestBodyStream.RandomBytes((10 * MiB) + 17);

        var blob = await storage.WriteAsync(BucketName, new TestBodyStream(data, 100_000), Ct);

        Assert.Equal(data, await ReadAsync(storage, BucketName, blob.BlobId));
        Assert.Equal([data.Length], (await UpstreamObjectsAsync()).Select(o => o.Size ?? -1));
    }

    [Fact]
    public async Task WriteAsync_SourceFailsAfterFirstPart_NoObjectAppearsThoughAbortIsUnsupported()
    {
        using var storage = Create(partSize: 5 * MiB);

        await Assert.ThrowsAsync<InvalidDataException>(
            () => storage.WriteAsync(BucketName, new TestBodyStream(TestBodyStream.RandomBytes(12 * MiB), 65536, new InvalidDataException()), Ct));

        Assert.Empty(await UpstreamObjectsAsync());
    }

    [Fact]
    public async Task ConcatenateAsync_PartsOver5MiB_StreamedThroughWithoutServerSideCopy()
    {
        byte[][] parts = [TestBodyStream.RandomBytes(5 * MiB, 1), TestBodyStream.RandomBytes(5 * MiB, 2), TestBodyStream.RandomBytes(10, 3)];
        var ids = new List<string>();
        foreach (var p in parts)
        {
            ids.Add((await WriteAsync(p)).BlobId);
        }

        var joined = await Storage.ConcatenateAsync(BucketName, ids, Ct);

        Assert.Equal(parts.SelectMany(p => p).ToArray(), await ReadAllAsync(joined.BlobId, 0, null));
    }

    [Fact]
    public async Task CopyAsync_Blob_StreamedThrough()
    {
        var data = TestBodyStream.RandomBytes(200_000);
        var source = await WriteAsync(data);

        var copy = await Storage.CopyAsync(BucketName, source.BlobId, BucketName, Ct);

        Assert.Equal(data, await ReadAllAsync(copy.BlobId, 0, null));
        Assert.Equal(2, (await UpstreamObjectsAsync()).Count);
    }

    protected override IObjectStorage CreateStorage(string directory) => new AwsObjectStorage(Options());

    private AwsObjectStorage Create(int partSize) => new(Options() with { PartSize = partSize });

    private AwsGatewayOptions Options() => new()
    {
        Bucket = S3rverUpstream.Bucket,
        Prefix = Prefix,
        EndpointUrl = _upstream.Endpoint,
        UsePathStyle = true,
        AccessKeyId = S3rverUpstream.AccessKey,
        SecretAccessKey = S3rverUpstream.SecretKey,
        ChunkEncoding = false,
        ServerSideCopy = false,
    };
}
