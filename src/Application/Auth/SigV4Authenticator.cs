using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

/// <summary>
/// AWS Signature V4 (and V2, <c>SigV4Authenticator.V2.cs</c>) verification as pure logic (spec 40): picks the
/// scheme, checks header or presigned signatures, and wraps the body so that payload hashes and aws-chunked signatures are
/// verified as the bytes flow. Thread-safe; create one per process (it holds the key caches).
/// </summary>
internal sealed partial class SigV4Authenticator
{
    private readonly IClock _clock;
    private readonly SigV4Options _options;
    private readonly CredentialCache _credentials;
    private readonly SigningKeyCache _signingKeys;

    public SigV4Authenticator(ICredentialStore credentials, IClock clock, SigV4Options options)
        : this(new CredentialCache(credentials ?? throw new ArgumentNullException(nameof(credentials)), clock), clock, options)
    {
    }

    /// <summary>With the container's cache, which the admin use cases evict.</summary>
    public SigV4Authenticator(CredentialCache credentials, IClock clock, SigV4Options options)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _options = options;
        _credentials = credentials;
        _signingKeys = new SigningKeyCache(clock);
    }

    /// <summary>
    /// Checks the request's signature (spec 40 scheme table). Throws <see cref="S3Exception"/> on
    /// failure; returns an anonymous outcome (Caller null) when the request carries no signature.
    /// </summary>
    public Task<AuthOutcome> AuthenticateAsync(HttpRequestFacts request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_options.Enabled)
        {
            return Task.FromResult(new AuthOutcome(AuthScheme.Disabled, null, ClassifyPayload(request, headerAuth: false), signatureVerified: false));
        }

        var authorization = request.Header("Authorization");
        var hasAuthorization = !string.IsNullOrWhiteSpace(authorization);
        var presigned = PresignedParameters.HasAlgorithm(request.RawQuery);
        var presignedV2 = !presigned && HasV2QueryParameters(request.RawQuery);
        if (presigned && hasAuthorization)
        {
            throw S3Exception.InvalidArgument("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header should be specified", "Authorization", authorization);
        }

        if (presignedV2 && hasAuthorization)
        {
            throw S3Exception.InvalidArgument("Only one auth mechanism allowed; only the Signature query parameter or the Authorization header should be specified", "Authorization", authorization);
        }

        if (presigned)
        {
            return AuthenticatePresignedAsync(request, ct);
        }

        if (presignedV2)
        {
            return AuthenticateV2PresignedAsync(request, ct);
        }

        if (hasAuthorization)
        {
            return IsV2Header(authorization!) ? AuthenticateV2HeaderAsync(request, authorization!, ct) : AuthenticateHeaderAsync(request, authorization!, ct);
        }

        return Task.FromResult(new AuthOutcome(AuthScheme.Anonymous, null, ClassifyPayload(request, headerAuth: false), signatureVerified: false));
    }

    /// <summary>The decoded body length: <c>x-amz-decoded-content-length</c> for aws-chunked, else Content-Length.</summary>
    public static long? DecodedContentLength(HttpRequestFacts request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAwsChunked(request))
        {
            return request.ContentLength;
        }

        return long.TryParse(request.Header(SigV4Constants.DecodedLengthHeader), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    internal static bool IsAwsChunked(HttpRequestFacts request)
    {
        var sha = request.Header(SigV4Constants.ContentSha256Header);
        if (sha is not null && sha.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            return true;
        }

        var encoding = request.Header("Content-Encoding");
        return encoding is not null && encoding.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase);
    }

    private static bool HasNoBody(HttpRequestFacts request) =>
        request.ContentLength is null or 0 && request.Header("Transfer-Encoding") is null;

    /// <summary>The payload mode from <c>x-amz-content-sha256</c>; only header auth rejects odd values and defers.</summary>
    private static PayloadMode ClassifyPayload(HttpRequestFacts request, bool headerAuth)
    {
        var sha = request.Header(SigV4Constants.ContentSha256Header);
        switch (sha)
        {
            case null:
                return HasNoBody(request) ? PayloadMode.Empty : headerAuth ? PayloadMode.Deferred : PayloadMode.Unsigned;
            case SigV4Constants.StreamingSigned:
                return PayloadMode.StreamingSigned;
            case SigV4Constants.StreamingSignedTrailer:
                return PayloadMode.StreamingSignedTrailer;
            case SigV4Constants.StreamingUnsignedTrailer:
                return PayloadMode.StreamingUnsignedTrailer;
            case SigV4Constants.UnsignedPayload:
                return PayloadMode.Unsigned;
        }

        Span<byte> digest = stackalloc byte[32];
        if (Hex.TryParse(sha, digest))
        {
            return PayloadMode.Sha256;
        }

        if (headerAuth)
        {
            throw S3Exception.InvalidArgument(
                "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER or a valid sha256 value.",
                SigV4Constants.ContentSha256Header,
                sha);
        }

        return PayloadMode.Unsigned;
    }

    private async ValueTask<Credential> GetActiveCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        var credential = await _credentials.GetAsync(accessKeyId, ct).ConfigureAwait(false);
        if (credential is null || !credential.Active)
        {
            throw SigV4Errors.UnknownKey(accessKeyId);
        }

        return credential;
    }

    /// <summary>Appends the payload hash, signs, compares; throws SignatureDoesNotMatch with S3's debugging details.</summary>
    private static void VerifySignature(ref PooledByteWriter canonical, SigningContext context, ReadOnlySpan<char> providedSignature)
    {
        var stringToSign = new PooledByteWriter(256);
        try
        {
            SigV4Signing.WriteStringToSign(ref stringToSign, context.Timestamp, context.Scope, canonical.Written);
            Span<byte> signature = stackalloc byte[32];
            SigV4Signing.Sign(context.SigningKey, stringToSign.Written, signature);
            if (!SigV4Signing.Matches(signature, providedSignature))
            {
                throw SigV4Errors.SignatureMismatch(context.AccessKeyId, stringToSign.ToUtf8String(), providedSignature.ToString(), canonical.ToUtf8String());
            }
        }
        finally
        {
            stringToSign.Dispose();
        }
    }
}
