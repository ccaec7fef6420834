namespace BleepStore.Application.Auth;

internal enum AuthScheme
{
    /// <summary>No credentials: the ACL decides.</summary>
    Anonymous,

    /// <summary><c>Authorization: AWS4-HMAC-SHA256 …</c>.</summary>
    Header,

    /// <summary>Query-string SigV4 (<c>X-Amz-Algorithm</c> …).</summary>
    Presigned,

    /// <summary><c>auth.enabled: false</c>: the caller acts as the seeded owner.</summary>
    Disabled,
}
