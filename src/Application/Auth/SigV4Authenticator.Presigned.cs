using System.Globalization;
using BleepStore.Application.Requests;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

internal sealed partial class SigV4Authenticator
{
    /// <summary>Presigned URLs, checks in the order of spec 40's table; no past-skew window (95 #5).</summary>
    private async Task<AuthOutcome> AuthenticatePresignedAsync(HttpRequestFacts request, CancellationToken ct)
    {
        var p = PresignedParameters.Parse(request.RawQuery);
        if (!p.Complete)
        {
            throw SigV4Errors.QueryParameters("Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.");
        }

        if (p.Algorithm != SigV4Constants.Algorithm)
        {
            throw SigV4Errors.QueryParameters("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }

        if (!CredentialScope.TryParse(p.Credential!, out var scope))
        {
            throw SigV4Errors.QueryParameters("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        }

        if (!AmzTimestamp.TryParseIso(p.Date, out var time))
        {
            throw SigV4Errors.QueryParameters("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        }

        if (!CanonicalRequest.SignsHost(p.SignedHeaders!))
        {
            throw SigV4Errors.QueryParameters("X-Amz-SignedHeaders must include host.");
        }

        if (!int.TryParse(p.Expires, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var expires))
        {
            throw SigV4Errors.QueryParameters("X-Amz-Expires should be a number");
        }

        if (expires < 1)
        {
            throw SigV4Errors.QueryParameters("X-Amz-Expires must be non-negative and greater than zero");
        }

        if (expires > SigV4Constants.MaxPresignedExpires)
        {
            throw SigV4Errors.QueryParameters("X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }

        if (!p.Date!.AsSpan(0, 8).SequenceEqual(scope.Date))
        {
            throw SigV4Errors.ScopeDateMismatch(scope.Date, p.Date!);
        }

        var now = _clock.UtcNow;
        if (time > now.AddSeconds(_options.ClockSkewSeconds))
        {
            throw new S3Exception(S3Errors.AccessDenied, "Request is not valid yet");
        }

        if (now > time.AddSeconds(expires))
        {
            throw new S3Exception(S3Errors.AccessDenied, "Request has expired",
            [
                new("X-Amz-Expires", expires.ToString(CultureInfo.InvariantCulture)),
                new("Expires", time.AddSeconds(expires).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new("ServerTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ]);
        }

        var credential = await GetActiveCredentialAsync(scope.AccessKeyId, ct).ConfigureAwait(false);
        return VerifyPresignedSignature(request, p, scope, credential);
    }

    private AuthOutcome VerifyPresignedSignature(HttpRequestFacts request, PresignedParameters p, CredentialScope scope, Credential credential)
    {
        var signingKey = _signingKeys.Get(credential.AccessKeyId, credential.SecretKey, scope.Date, scope.Region);
        var context = new SigningContext(scope.AccessKeyId, signingKey, p.Date!, scope.Scope, p.Signature!.ToLowerInvariant());
        var canonical = new PooledByteWriter(1024);
        try
        {
            CanonicalRequest.WriteWithoutPayload(ref canonical, request, p.SignedHeaders!, excludeSignatureParameter: true);
            canonical.Append(SigV4Constants.UnsignedPayload.AsSpan());
            VerifySignature(ref canonical, context, p.Signature);
        }
        finally
        {
            canonical.Dispose();
        }

        return new AuthOutcome(AuthScheme.Presigned, credential.Owner, ClassifyPayload(request, headerAuth: false), signatureVerified: true, context);
    }
}
