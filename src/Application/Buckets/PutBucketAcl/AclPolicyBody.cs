using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Buckets.PutBucketAcl;

/// <summary>
/// PutBucketAcl and PutObjectAcl modes, exclusive, in spec 10's order: canned header, grant headers,
/// then the AccessControlPolicy body, which is therefore read only when neither header was sent.
/// A request with none of the three is S3's 400 <c>MissingSecurityHeader</c> (naming <c>x-amz-acl</c>),
/// not a reset to private: nothing is changed.
/// </summary>
internal static class AclPolicyBody
{
    public static async ValueTask<AclRequest> WithPolicyAsync(AclRequest headers, RequestDocument<AccessControlList?>? body, CancellationToken ct)
    {
        if (headers.Canned is not null || headers.HasGrantHeaders || headers.Policy is not null)
        {
            return headers;
        }

        if (body is not null && await body.ReadAsync(ct).ConfigureAwait(false) is { } policy)
        {
            return headers with { Policy = policy };
        }

        throw new S3Exception(S3Errors.MissingSecurityHeader, details: [new("MissingHeaderName", "x-amz-acl")]);
    }
}
