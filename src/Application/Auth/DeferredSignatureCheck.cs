using BleepStore.Application.Streams;

namespace BleepStore.Application.Auth;

/// <summary>
/// Header auth without <c>x-amz-content-sha256</c>: the payload hash is the body's SHA-256, so the
/// signature is completed and checked once the body has been read.
/// </summary>
internal sealed class DeferredSignatureCheck(SigningContext context) : IPayloadHashCheck
{
    public void Verify(ReadOnlySpan<byte> sha256)
    {
        var prefix = context.CanonicalRequestWithoutPayload ?? throw new InvalidOperationException("No deferred canonical request.");
        var canonical = new PooledByteWriter(prefix.Length + 64);
        var stringToSign = new PooledByteWriter(256);
        try
        {
            canonical.Append(prefix);
            canonical.AppendHex(sha256);
            SigV4Signing.WriteStringToSign(ref stringToSign, context.Timestamp, context.Scope, canonical.Written);
            Span<byte> signature = stackalloc byte[32];
            SigV4Signing.Sign(context.SigningKey, stringToSign.Written, signature);
            if (!SigV4Signing.Matches(signature, context.Signature))
            {
                throw SigV4Errors.SignatureMismatch(context.AccessKeyId, stringToSign.ToUtf8String(), context.Signature, canonical.ToUtf8String());
            }
        }
        finally
        {
            stringToSign.Dispose();
            canonical.Dispose();
        }
    }
}
