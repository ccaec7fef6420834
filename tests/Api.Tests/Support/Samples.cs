using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.Tests.Support;

internal static class Samples
{
    public static readonly Owner Owner = new("bleepstore", "bleepstore");

    public static readonly DateTimeOffset When = new(2026, 2, 22, 12, 0, 0, 500, TimeSpan.Zero);

    public static Bucket Bucket(string name = "bkt") => new(name, "us-east-1", Owner, AccessControlList.Private(Owner), When);

    public static ObjectRecord Object(string key, long size = 5, string storageClass = "STANDARD") => new()
    {
        Bucket = "bkt",
        Key = key,
        Size = size,
        ETag = "\"5d41402abc4b2a76b9719d911017c592\"",
        Content = ContentHeaders.Default,
        StorageClass = storageClass,
        Acl = AccessControlList.Private(Owner),
        LastModified = When,
        BlobId = "blob-" + key.Length,
    };
}
