using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Tests.TestSupport;

/// <summary>Builders for domain records with millisecond timestamps (the stored precision).</summary>
public static class Records
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero);

    public static readonly Owner Alice = new("alice-key", "Alice");

    public static readonly Owner Bob = new("bob-key", "Bob");

    public static Bucket Bucket(string name, Owner? owner = null)
    {
        owner ??= Alice;
        return new Bucket(name, "us-east-1", owner, AccessControlList.Private(owner), T0);
    }

    public static ObjectRecord Object(string bucket, string key, string etag = "\"0123456789abcdef0123456789abcdef\"", long size = 3) => new()
    {
        Bucket = bucket,
        Key = key,
        Size = size,
        ETag = etag,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(Alice),
        LastModified = T0,
        BlobId = Guid.NewGuid().ToString("N"),
    };

    public static MultipartUpload Upload(string bucket, string key, string uploadId, DateTimeOffset? initiated = null) => new()
    {
        UploadId = uploadId,
        Bucket = bucket,
        Key = key,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(Alice),
        Initiator = Alice,
        Initiated = initiated ?? T0,
    };

    public static PartRecord Part(string uploadId, int number, string? blobId = null) => new()
    {
        UploadId = uploadId,
        PartNumber = number,
        Size = 5 * 1024 * 1024,
        ETag = $"\"{number:x32}\"",
        LastModified = T0,
        BlobId = blobId ?? Guid.NewGuid().ToString("N"),
        Checksums = [new ChecksumValue(ChecksumAlgorithm.Crc32C, "AAAAAA==")],
    };

    public static Credential Credential(string accessKeyId, string secret = "secret", bool active = true) =>
        new(accessKeyId, secret, new Owner(accessKeyId, accessKeyId + " display"), active, T0);

    public static void AssertAclEqual(AccessControlList expected, AccessControlList actual)
    {
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.Grants, actual.Grants);
    }
}
