using BleepStore.Domain.Access;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Buckets;

public sealed record Bucket(string Name, string Region, Owner Owner, AccessControlList Acl, DateTimeOffset CreatedAt)
{
    /// <summary>The bucket's tag set; null when it has none (GetBucketTagging: NoSuchTagSet).</summary>
    public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>The bucket's CORS rules in the order sent; null when it has none (GetBucketCors: NoSuchCORSConfiguration).</summary>
    public IReadOnlyList<CorsRule>? Cors { get; init; }
}
