using System.Text;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

/// <summary>
/// POST Object forms sign their Base64 policy document, not the request: Signature Version 4 as
/// hex(HMAC-SHA256(signing key, policy)) with the key of <c>x-amz-credential</c>'s scope, Version 2 as
/// Base64(HMAC-SHA1(secret, policy)). The policy's own expiration bounds the form's life, so there is no skew check.
/// </summary>
internal sealed partial class SigV4Authenticator
{
    /// <summary>The caller the form is signed by; null when authentication is off (the caller stays the seeded owner).</summary>
    public async Task<(Owner Owner, string AccessKeyId)?> AuthenticatePostAsync(PostSignature form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!_options.Enabled)
        {
            return null;
        }

        if (form.Algorithm is not null)
        {
            if (form.Algorithm != SigV4Constants.Algorithm)
            {
                throw S3Exception.InvalidArgument("POST form x-amz-algorithm only supports \"AWS4-HMAC-SHA256\"", "x-amz-algorithm", form.Algorithm);
            }

            if (!CredentialScope.TryParse(form.Credential ?? "", out var scope))
            {
                throw S3Exception.InvalidArgument("Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".", "x-amz-credential", form.Credential);
            }

            if (!AmzTimestamp.TryParseIso(form.Date, out _))
            {
                throw S3Exception.InvalidArgument("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"", "x-amz-date", form.Date);
            }

            var credential = await GetActiveCredentialAsync(scope.AccessKeyId, ct).ConfigureAwait(false);
            var signingKey = _signingKeys.Get(credential.AccessKeyId, credential.SecretKey, scope.Date, scope.Region);
            Span<byte> signature = stackalloc byte[32];
            System.Security.Cryptography.HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(form.Policy), signature);
            if (!SigV4Signing.Matches(signature, (form.Signature ?? "").AsSpan()))
            {
                throw new S3Exception(S3Errors.SignatureDoesNotMatch, details:
                [
                    new("AWSAccessKeyId", credential.AccessKeyId),
                    new("StringToSign", form.Policy),
                    new("SignatureProvided", form.Signature ?? ""),
                ]);
            }

            return (credential.Owner, credential.AccessKeyId);
        }

        var v2 = await GetActiveCredentialAsync(form.AccessKeyId ?? "", ct).ConfigureAwait(false);
        if (!SigV2Signing.Matches(SigV2Signing.Sign(v2.SecretKey, form.Policy), form.Signature ?? ""))
        {
            throw SigV4Errors.SignatureMismatchV2(v2.AccessKeyId, form.Policy, form.Signature ?? "");
        }

        return (v2.Owner, v2.AccessKeyId);
    }
}

/// <summary>The signing fields of a POST form: <see cref="Algorithm"/> set means Version 4, else Version 2 (<see cref="AccessKeyId"/>).</summary>
internal sealed record PostSignature(string Policy, string? Algorithm, string? Credential, string? Date, string? AccessKeyId, string? Signature);
