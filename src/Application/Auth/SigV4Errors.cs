using System.Globalization;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

/// <summary>The S3 errors SigV4 raises, with the extra elements S3 adds to help clients debug.</summary>
internal static class SigV4Errors
{
    /// <summary>Malformed header auth: AccessDenied per spec 40 (AWS says AuthorizationHeaderMalformed).</summary>
    public static S3Exception Malformed(string message) => new(S3Errors.AccessDenied, message);

    public static S3Exception QueryParameters(string message) => new(S3Errors.AuthorizationQueryParametersError, message);

    public static S3Exception ScopeDateMismatch(string scopeDate, string timestamp) =>
        new(S3Errors.SignatureDoesNotMatch, $"The credential scope date {scopeDate} does not match the request date {timestamp}.");

    public static S3Exception TooSkewed(DateTimeOffset requestTime, DateTimeOffset now, int skewSeconds) =>
        new(S3Errors.RequestTimeTooSkewed, details:
        [
            new("RequestTime", requestTime.UtcDateTime.ToString("r", CultureInfo.InvariantCulture)),
            new("ServerTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("MaxAllowedSkewMilliseconds", (skewSeconds * 1000L).ToString(CultureInfo.InvariantCulture)),
        ]);

    public static S3Exception UnknownKey(string accessKeyId) =>
        new(S3Errors.InvalidAccessKeyId, details: [new("AWSAccessKeyId", accessKeyId)]);

    public static S3Exception SignatureMismatch(string accessKeyId, string stringToSign, string signatureProvided, string canonicalRequest) =>
        new(S3Errors.SignatureDoesNotMatch, details:
        [
            new("AWSAccessKeyId", accessKeyId),
            new("StringToSign", stringToSign),
            new("SignatureProvided", signatureProvided),
            new("CanonicalRequest", canonicalRequest),
        ]);

    /// <summary>SigV2's SignatureDoesNotMatch: S3 shows the string to sign and its bytes (there is no canonical request).</summary>
    public static S3Exception SignatureMismatchV2(string accessKeyId, string stringToSign, string signatureProvided) =>
        new(S3Errors.SignatureDoesNotMatch, details:
        [
            new("AWSAccessKeyId", accessKeyId),
            new("StringToSign", stringToSign),
            new("SignatureProvided", signatureProvided),
            new("StringToSignBytes", SigV2Signing.Bytes(stringToSign)),
        ]);

    public static S3Exception ChunkSignatureMismatch() =>
        new(S3Errors.SignatureDoesNotMatch, "The chunk signature we calculated does not match the signature you provided.");

    public static S3Exception TrailerSignatureMismatch() =>
        new(S3Errors.SignatureDoesNotMatch, "The trailer signature we calculated does not match the signature you provided.");
}
