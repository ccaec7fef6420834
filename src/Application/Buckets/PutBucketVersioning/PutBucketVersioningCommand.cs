using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.PutBucketVersioning;

/// <summary><c>PUT /{bucket}?versioning</c> (decision 0014).</summary>
/// <param name="Configuration">The VersioningConfiguration document, read after the bucket is found and the caller owns it.</param>
/// <param name="Mfa">The <c>x-amz-mfa</c> header as sent.</param>
public sealed record PutBucketVersioningCommand(S3RequestContext Context, string Bucket, RequestDocument<VersioningConfiguration> Configuration, string? Mfa = null)
    : IS3Request<Unit>, IHasBody
{
    Stream IHasBody.Body { get => Configuration.Body; set => Configuration.Body = value; }

    long? IHasBody.ContentLength { get => Configuration.ContentLength; set => Configuration.ContentLength = value; }
}

/// <param name="Status"><c>Enabled</c> or <c>Suspended</c> (the parser refuses anything else).</param>
/// <param name="MfaDelete"><c>Enabled</c>, <c>Disabled</c>, or null when absent.</param>
public sealed record VersioningConfiguration(string Status, string? MfaDelete);
