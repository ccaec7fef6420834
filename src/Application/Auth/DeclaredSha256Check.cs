using System.Security.Cryptography;
using BleepStore.Application.Streams;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Auth;

/// <summary>The body must hash to the declared <c>x-amz-content-sha256</c> (AWS XAmzContentSHA256Mismatch).</summary>
internal sealed class DeclaredSha256Check(string declaredHex) : IPayloadHashCheck
{
    public void Verify(ReadOnlySpan<byte> sha256)
    {
        Span<byte> declared = stackalloc byte[32];
        if (!Hex.TryParse(declaredHex, declared) || !CryptographicOperations.FixedTimeEquals(declared, sha256))
        {
            throw new S3Exception(S3Errors.XAmzContentSHA256Mismatch, details:
            [
                new("ClientComputedContentSHA256", declaredHex),
                new("S3ComputedContentSHA256", Convert.ToHexStringLower(sha256)),
            ]);
        }
    }
}
