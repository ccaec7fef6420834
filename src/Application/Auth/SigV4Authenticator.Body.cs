using BleepStore.Application.Requests;
using BleepStore.Application.Streams;

namespace BleepStore.Application.Auth;

internal sealed partial class SigV4Authenticator
{
    /// <summary>
    /// The stream a handler should read: aws-chunked decoded (and chunk signatures verified under
    /// header auth), a declared SHA-256 checked, or a deferred signature checked, each on the read
    /// that reaches the end; otherwise <paramref name="raw"/> itself.
    /// </summary>
    public Stream WrapBody(AuthOutcome outcome, HttpRequestFacts request, Stream raw)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(raw);

        if (IsAwsChunked(request))
        {
            var signed = outcome.Scheme == AuthScheme.Header
                && outcome.Signing is not null
                && outcome.PayloadMode is PayloadMode.StreamingSigned or PayloadMode.StreamingSignedTrailer;
            var chain = signed ? new ChunkSignatureChain(outcome.Signing!) : null;
            return new AwsChunkedDecodingStream(raw, DecodedContentLength(request), chain, outcome.PayloadMode == PayloadMode.StreamingSignedTrailer);
        }

        return outcome.PayloadMode switch
        {
            PayloadMode.Sha256 => new Sha256VerifyingStream(raw, new DeclaredSha256Check(request.Header(SigV4Constants.ContentSha256Header)!)),
            PayloadMode.Deferred when outcome.Signing is not null => new Sha256VerifyingStream(raw, new DeferredSignatureCheck(outcome.Signing)),
            _ => raw,
        };
    }
}
