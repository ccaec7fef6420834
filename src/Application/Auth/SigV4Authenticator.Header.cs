using BleepStore.Application.Requests;
using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Auth;

internal sealed partial class SigV4Authenticator
{
    /// <summary>Header auth, checks in the order of spec 40's table.</summary>
    private async Task<AuthOutcome> AuthenticateHeaderAsync(HttpRequestFacts request, string authorization, CancellationToken ct)
    {
        if (!AuthorizationHeader.IsSigV4(authorization))
        {
            throw SigV4Errors.Malformed("Unsupported Authorization Type; only AWS4-HMAC-SHA256 is accepted.");
        }

        if (!AuthorizationHeader.TryParse(authorization, out var auth))
        {
            throw SigV4Errors.Malformed("The authorization header is malformed; expecting Credential, SignedHeaders and Signature.");
        }

        if (!CredentialScope.TryParse(auth.Credential, out var scope))
        {
            throw SigV4Errors.Malformed("The authorization header is malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        if (!CanonicalRequest.SignsHost(auth.SignedHeaders))
        {
            throw SigV4Errors.Malformed("The authorization header is malformed; the host header must be signed.");
        }

        var (time, timestamp) = ReadTimestamp(request);
        if (!timestamp.AsSpan(0, 8).SequenceEqual(scope.Date))
        {
            throw SigV4Errors.ScopeDateMismatch(scope.Date, timestamp);
        }

        var now = _clock.UtcNow;
        if (Math.Abs((now - time).TotalSeconds) > _options.ClockSkewSeconds)
        {
            throw SigV4Errors.TooSkewed(time, now, _options.ClockSkewSeconds);
        }

        var credential = await GetActiveCredentialAsync(scope.AccessKeyId, ct).ConfigureAwait(false);
        var mode = ClassifyPayload(request, headerAuth: true);
        return VerifyHeaderSignature(request, auth, scope, timestamp, credential, mode);
    }

    private AuthOutcome VerifyHeaderSignature(HttpRequestFacts request, AuthorizationHeader auth, CredentialScope scope, string timestamp, Credential credential, PayloadMode mode)
    {
        var signingKey = _signingKeys.Get(credential.AccessKeyId, credential.SecretKey, scope.Date, scope.Region);
        var canonical = new PooledByteWriter(1024);
        try
        {
            CanonicalRequest.WriteWithoutPayload(ref canonical, request, auth.SignedHeaders, excludeSignatureParameter: false);
            var context = new SigningContext(scope.AccessKeyId, signingKey, timestamp, scope.Scope, auth.Signature.ToLowerInvariant())
            {
                CanonicalRequestWithoutPayload = mode == PayloadMode.Deferred ? canonical.ToArray() : null,
            };

            if (mode == PayloadMode.Deferred)
            {
                return new AuthOutcome(AuthScheme.Header, credential.Owner, mode, signatureVerified: false, context);
            }

            canonical.Append((request.Header(SigV4Constants.ContentSha256Header) ?? SigV4Constants.EmptySha256).AsSpan());
            VerifySignature(ref canonical, context, auth.Signature);
            return new AuthOutcome(AuthScheme.Header, credential.Owner, mode, signatureVerified: true, context);
        }
        finally
        {
            canonical.Dispose();
        }
    }

    /// <summary><c>x-amz-date</c>, else <c>Date</c> (RFC 1123); returns the time and its <c>YYYYMMDDTHHMMSSZ</c> form.</summary>
    private static (DateTimeOffset Time, string Timestamp) ReadTimestamp(HttpRequestFacts request)
    {
        var amzDate = request.Header(SigV4Constants.DateHeader);
        if (amzDate is not null)
        {
            return AmzTimestamp.TryParseIso(amzDate, out var t)
                ? (t, amzDate)
                : throw SigV4Errors.Malformed("The x-amz-date header is not in the ISO 8601 basic format YYYYMMDD'T'HHMMSS'Z'.");
        }

        return AmzTimestamp.TryParseHttpDate(request.Header("Date"), out var d)
            ? (d, AmzTimestamp.Format(d))
            : throw SigV4Errors.Malformed("AWS authentication requires a valid Date or x-amz-date header");
    }
}
