namespace BleepStore.Domain.Buckets;

/// <summary>
/// S3's bucket ownership controls (<c>ObjectOwnership</c>): who owns the objects other accounts write, and
/// whether ACLs are in force. A bucket without controls behaves as <see cref="ObjectWriter"/> (decision 13).
/// </summary>
public static class ObjectOwnership
{
    /// <summary>ACLs are disabled: the bucket owner owns every object; only owner-only ACL writes are accepted.</summary>
    public const string BucketOwnerEnforced = "BucketOwnerEnforced";

    /// <summary>Objects written with <c>bucket-owner-full-control</c> become the bucket owner's.</summary>
    public const string BucketOwnerPreferred = "BucketOwnerPreferred";

    /// <summary>The writing account owns the object (S3's behaviour before ownership controls).</summary>
    public const string ObjectWriter = "ObjectWriter";

    public static bool IsValid(string? value) => value is BucketOwnerEnforced or BucketOwnerPreferred or ObjectWriter;
}
