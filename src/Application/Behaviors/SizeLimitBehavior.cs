using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// Rejects object bodies above <c>server.max_object_size</c> before a byte is stored (a missing length
/// is the validators' MissingContentLength). The hashing stream enforces the same limit while reading, for liars.
/// </summary>
internal sealed class SizeLimitBehavior<TRequest, TResponse>(S3Options options) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IStreamingBody { ContentLength: { } length } && length > options.MaxObjectSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge, details:
            [
                new("ProposedSize", length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new("MaxSizeAllowed", options.MaxObjectSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]);
        }

        return next();
    }
}
