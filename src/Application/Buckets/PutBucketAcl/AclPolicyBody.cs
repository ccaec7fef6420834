using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Buckets.PutBucketAcl;

/// <summary>
/// PutBucketAcl and PutObjectAcl modes, exclusive, in spec 10's order: canned header, grant headers,
/// then the AccessControlPolicy body, which is therefore read only when neither header was sent.
/// </summary>
internal static class AclPolicyBody
{
    public static async ValueTask<AclRequest> WithPolicyAsync(AclRequest headers, RequestDocument<AccessControlList?>? body, CancellationToken ct)
    {
        if (headers.Canned is not null || headers.HasGrantHeaders || headers.Policy is not null || body is null)
        {
            return headers;
        }

        return await body.ReadAsync(ct).ConfigureAwait(false) is { } policy ? headers with { Policy = policy } : headers;
    }
}
