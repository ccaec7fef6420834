using BleepStore.Application.Access;
using BleepStore.Application.Requests;

namespace BleepStore.Application.Buckets.CreateBucket;

/// <param name="ObjectOwnership">The <c>x-amz-object-ownership</c> header: BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter; null = no ownership controls (decision 13).</param>
/// <param name="Configuration">
/// The CreateBucketConfiguration body, parsed to its LocationConstraint (null or empty = the server
/// region); null = no body. Read before anything is created.
/// </param>
/// <param name="ObjectLockEnabled"><c>x-amz-bucket-object-lock-enabled: true</c>: object lock on, versioning Enabled for good.</param>
public sealed record CreateBucketCommand(S3RequestContext Context, string Bucket, RequestDocument<string?>? Configuration = null, AclRequest? Acl = null, string? ObjectOwnership = null, bool ObjectLockEnabled = false)
    : IS3Request<CreateBucketResult>, IHasBody
{
    // No document = an empty body: the behavior then verifies the signature over nothing.
    Stream IHasBody.Body { get => Configuration?.Body ?? Stream.Null; set => Configuration?.Body = value; }

    long? IHasBody.ContentLength { get => Configuration is null ? 0 : Configuration.ContentLength; set => Configuration?.ContentLength = value; }
}

public sealed record CreateBucketResult(string Location, bool Created);
