using BleepStore.Domain.Access;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Buckets;

public sealed record Bucket(string Name, string Region, Owner Owner, AccessControlList Acl, DateTimeOffset CreatedAt)
{
    /// <summary>The bucket's tag set; null when it has none (GetBucketTagging: NoSuchTagSet).</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }
}
