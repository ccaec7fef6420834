using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// Checks SigV4 (header or presigned) and sets the caller. For requests with a body it puts the
/// decoding/verifying stream in place: aws-chunked decoding with chunk signatures, a declared
/// SHA-256, or — when the client declared no payload hash — the signature itself, checked at EOF.
/// In-process requests (no HTTP facts) are trusted as they come.
/// </summary>
internal sealed class AuthenticationBehavior<TRequest, TResponse>(SigV4Authenticator authenticator, S3Options options)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IS3Request<TResponse> { Context: { } context } || context.Authenticated || context.Http is not { } http)
        {
            return await next().ConfigureAwait(false);
        }

        var outcome = await authenticator.AuthenticateAsync(http, cancellationToken).ConfigureAwait(false);
        context.Caller = outcome.AuthDisabled ? options.DefaultOwner : outcome.Caller;
        context.AccessKeyId = outcome.AccessKeyId;
        context.Authenticated = true;

        if (request is IHasBody body)
        {
            body.Body = authenticator.WrapBody(outcome, http, body.Body);
            body.ContentLength = SigV4Authenticator.DecodedContentLength(http);
            if (outcome.PayloadMode == PayloadMode.Deferred && request is not IStreamingBody)
            {
                // Small documents (XML) are read whole anyway: read them now, so the signature is
                // proven before the handler acts on them.
                body.Body = await BufferAsync(body.Body, options.MaxXmlBodySize, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (outcome.PayloadMode == PayloadMode.Deferred)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Missing required header for this request: x-amz-content-sha256");
        }

        return await next().ConfigureAwait(false);
    }

    private static async Task<Stream> BufferAsync(Stream source, int limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new S3Exception(S3Errors.EntityTooLarge, "Your request body is larger than this operation accepts.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return buffer;
    }
}
