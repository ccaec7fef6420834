namespace BleepStore.Application.Auth;

internal enum AuthScheme
{
    /// <summary>No credentials: the ACL decides.</summary>
    Anonymous,

    /// <summary><c>Authorization: AWS4-HMAC-SHA256 …</c>.</summary>
    Header,

    /// <summary>Query-string SigV4 (<c>X-Amz-Algorithm</c> …).</summary>
    Presigned,

    /// <summary>Signature Version 2 header: <c>Authorization: AWS AccessKeyId:Signature</c>.</summary>
    HeaderV2,

    /// <summary>Signature Version 2 query string (<c>AWSAccessKeyId</c>, <c>Signature</c>, <c>Expires</c>).</summary>
    PresignedV2,

    /// <summary><c>auth.enabled: false</c>: the caller acts as the seeded owner.</summary>
    Disabled,
}
