namespace BleepStore.Application.Auth;

/// <summary>How the body is covered, from <c>x-amz-content-sha256</c> and the request shape.</summary>
internal enum PayloadMode
{
    /// <summary>No body; the payload hash is SHA-256 of the empty string.</summary>
    Empty,

    /// <summary><c>UNSIGNED-PAYLOAD</c> (and every presigned request).</summary>
    Unsigned,

    /// <summary>A declared hex SHA-256, checked against the body at EOF.</summary>
    Sha256,

    /// <summary>Header auth without <c>x-amz-content-sha256</c>: the signature is checked when the body ends.</summary>
    Deferred,

    /// <summary><c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD</c>.</summary>
    StreamingSigned,

    /// <summary><c>STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER</c>.</summary>
    StreamingSignedTrailer,

    /// <summary><c>STREAMING-UNSIGNED-PAYLOAD-TRAILER</c>.</summary>
    StreamingUnsignedTrailer,
}
