using System.Globalization;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

/// <summary>
/// Signature Version 2, beside SigV4 and on the same credential lookup: the header form
/// (<c>Authorization: AWS AccessKeyId:Signature</c>) and the query-string form (<c>AWSAccessKeyId</c>,
/// <c>Signature</c>, <c>Expires</c>), string to sign as AWS documents it (<see cref="SigV2Signing"/>).
/// SigV2 never signs the payload: a body is checked only by Content-MD5 or a checksum, as with an
/// unsigned SigV4 payload.
/// </summary>
internal sealed partial class SigV4Authenticator
{
    private const string V2Prefix = "AWS ";

    /// <summary>Whether the query carries SigV2 presign parameters (<c>AWSAccessKeyId</c> or <c>Signature</c>).</summary>
    internal static bool HasV2QueryParameters(string rawQuery) =>
        rawQuery.Length != 0
        && (rawQuery.Contains("AWSAccessKeyId=", StringComparison.Ordinal) || rawQuery.Contains("Signature=", StringComparison.Ordinal))
        && (V2Query.Parse(rawQuery) is { AccessKeyId: not null } or { Signature: not null });

    internal static bool IsV2Header(string authorization) => authorization.StartsWith(V2Prefix, StringComparison.Ordinal);

    private async Task<AuthOutcome> AuthenticateV2HeaderAsync(HttpRequestFacts request, string authorization, CancellationToken ct)
    {
        var credentials = authorization.AsSpan(V2Prefix.Length).Trim();
        var colon = credentials.IndexOf(':');
        if (colon <= 0 || colon == credentials.Length - 1)
        {
            throw S3Exception.InvalidArgument("AWS authorization header is invalid.  Expected AwsAccessKeyId:signature", "Authorization", authorization);
        }

        var accessKeyId = credentials[..colon].ToString();
        var signature = credentials[(colon + 1)..].ToString();

        // x-amz-date wins over Date; when it is sent, the Date line of the string to sign is empty.
        var amzDate = request.Header(SigV4Constants.DateHeader);
        var dateText = amzDate ?? request.Header("Date");
        if (!TryParseV2Date(dateText, out var time))
        {
            throw new S3Exception(S3Errors.AccessDenied, "AWS authentication requires a valid Date or x-amz-date header");
        }

        var now = _clock.UtcNow;
        if (Math.Abs((now - time).TotalSeconds) > _options.ClockSkewSeconds)
        {
            throw SigV4Errors.TooSkewed(time, now, _options.ClockSkewSeconds);
        }

        var credential = await GetActiveCredentialAsync(accessKeyId, ct).ConfigureAwait(false);
        VerifyV2(request, amzDate is null ? dateText!.Trim() : "", credential.AccessKeyId, credential.SecretKey, signature);
        return new AuthOutcome(AuthScheme.HeaderV2, credential.Owner, ClassifyPayload(request, headerAuth: false), signatureVerified: true, accessKeyId: credential.AccessKeyId);
    }

    private async Task<AuthOutcome> AuthenticateV2PresignedAsync(HttpRequestFacts request, CancellationToken ct)
    {
        var q = V2Query.Parse(request.RawQuery);
        if (q.AccessKeyId is null || q.Signature is null || q.Expires is null)
        {
            throw new S3Exception(S3Errors.AccessDenied, "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
        }

        if (!long.TryParse(q.Expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresEpoch))
        {
            throw new S3Exception(S3Errors.AccessDenied, $"Invalid date (should be seconds since epoch): {q.Expires}");
        }

        var now = _clock.UtcNow;
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Min(expiresEpoch, 253402300799));
        if (now > expires)
        {
            throw new S3Exception(S3Errors.AccessDenied, "Request has expired",
            [
                new("Expires", expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                new("ServerTime", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            ]);
        }

        var credential = await GetActiveCredentialAsync(q.AccessKeyId, ct).ConfigureAwait(false);
        VerifyV2(request, q.Expires, credential.AccessKeyId, credential.SecretKey, q.Signature);
        return new AuthOutcome(AuthScheme.PresignedV2, credential.Owner, ClassifyPayload(request, headerAuth: false), signatureVerified: true, accessKeyId: credential.AccessKeyId);
    }

    /// <summary>
    /// Checks the signature over AWS's string to sign; for a request to a bucket itself sent as <c>/bucket</c>, also
    /// over the path as sent (<c>/bucket</c> without the slash), which some clients sign. The error shows AWS's form.
    /// </summary>
    private static void VerifyV2(HttpRequestFacts request, string dateLine, string accessKeyId, string secretKey, string provided)
    {
        var stringToSign = SigV2Signing.StringToSign(request, dateLine, request.HostBucket);
        if (SigV2Signing.Matches(SigV2Signing.Sign(secretKey, stringToSign), provided))
        {
            return;
        }

        var asSent = SigV2Signing.StringToSign(request, dateLine, request.HostBucket, asSent: true);
        if (asSent != stringToSign && SigV2Signing.Matches(SigV2Signing.Sign(secretKey, asSent), provided))
        {
            return;
        }

        throw SigV4Errors.SignatureMismatchV2(accessKeyId, stringToSign, provided);
    }

    /// <summary>RFC 1123 (or a numeric zone), or the ISO basic form some clients put in x-amz-date.</summary>
    private static bool TryParseV2Date(string? value, out DateTimeOffset time) =>
        AmzTimestamp.TryParseHttpDate(value, out time) || AmzTimestamp.TryParseIso(value?.Trim(), out time);

    /// <summary>The decoded SigV2 query parameters; the first occurrence of each wins.</summary>
    private sealed record V2Query(string? AccessKeyId, string? Signature, string? Expires)
    {
        public static V2Query Parse(string rawQuery)
        {
            string? key = null, signature = null, expires = null;
            var query = rawQuery.AsSpan();
            foreach (var range in query.Split('&'))
            {
                var piece = query[range];
                var eq = piece.IndexOf('=');
                if (eq <= 0)
                {
                    continue;
                }

                var name = piece[..eq];
                if (name.SequenceEqual("AWSAccessKeyId"))
                {
                    key ??= S3UriEncoder.DecodeQueryPiece(piece[(eq + 1)..]);
                }
                else if (name.SequenceEqual("Signature"))
                {
                    signature ??= DecodeSignature(piece[(eq + 1)..]);
                }
                else if (name.SequenceEqual("Expires"))
                {
                    expires ??= S3UriEncoder.DecodeQueryPiece(piece[(eq + 1)..]);
                }
            }

            return new V2Query(key, signature, expires);
        }

        /// <summary>Percent-decoded; a literal <c>+</c> (a client that did not encode the Base64) stays a <c>+</c>.</summary>
        private static string DecodeSignature(ReadOnlySpan<char> raw) => Uri.UnescapeDataString(raw.ToString());
    }
}
