using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Aws;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>
/// The storage contract through the AWS gateway against a real upstream S3 server; every test gets its
/// own upstream prefix, so artifacts are counted under it.
/// </summary>
public abstract class AwsGatewayContract : ObjectStorageContract
{
    protected string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    protected abstract AmazonS3Client Upstream { get; }

    protected abstract string UpstreamBucket { get; }

    /// <summary>Whether the upstream lists in-progress multipart uploads (s3rver does not).</summary>
    protected virtual bool ListsUploads => true;

    protected override long CountArtifacts()
    {
        var objects = Upstream.ListObjectsV2Async(new ListObjectsV2Request { BucketName = UpstreamBucket, Prefix = Prefix }).GetAwaiter().GetResult();
        var count = (long)(objects.S3Objects?.Count ?? 0);
        if (ListsUploads)
        {
            var uploads = Upstream.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = UpstreamBucket, Prefix = Prefix }).GetAwaiter().GetResult();
            count += uploads.MultipartUploads?.Count ?? 0;
        }

        return count;
    }

    protected AwsObjectStorage Gateway => (AwsObjectStorage)Storage;

    protected async Task<List<S3Object>> UpstreamObjectsAsync()
    {
        var page = await Upstream.ListObjectsV2Async(new ListObjectsV2Request { BucketName = UpstreamBucket, Prefix = Prefix });
        return page.S3Objects ?? [];
    }

    protected static async Task<byte[]> ReadAsync(IObjectStorage storage, string bucket, string blobId)
    {
        await using var stream = await storage.OpenReadAsync(bucket, blobId, 0, null, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
