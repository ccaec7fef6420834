using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.GetObject;

/// <summary>HEAD's read path (<see cref="ObjectRead"/>), then the bytes.</summary>
internal sealed class GetObjectHandler(IMetadataStore store, IObjectStorage storage, Lifecycle.LifecycleOptions? lifecycle = null) : IRequestHandler<GetObjectQuery, GetObjectResult>
{
    private const int MaxAttempts = 3;

    public async Task<GetObjectResult> Handle(GetObjectQuery request, CancellationToken cancellationToken)
    {
        if (request.Context.Caller is null && request.ResponseOverrides is { Count: > 0 })
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Request specific response headers cannot be used for anonymous GET requests.");
        }

        // A row read just before a write moved or replaced its bytes (a key-named gateway publishing, decision
        // 0009) finds them gone: read the row again, as a read that started after that write would.
        for (var attempt = 1; ; attempt++)
        {
            var plan = await ObjectRead.PlanAsync(store, request, cancellationToken).ConfigureAwait(false);
            if (plan.NotModified)
            {
                return new GetObjectResult(plan.Object, null, null, true, null) { Versioned = plan.Versioned };
            }

            var body = plan.Range is { } r
                ? await ObjectBytes.TryOpenReadAsync(storage, plan.Object, r.First, r.Length, cancellationToken).ConfigureAwait(false)
                : await ObjectBytes.TryOpenReadAsync(storage, plan.Object, 0, null, cancellationToken).ConfigureAwait(false);
            if (body is not null)
            {
                var expiration = Lifecycle.ExpirationHeader.ForRead(plan.Bucket, plan.Object, request.VersionId, lifecycle);
                return new GetObjectResult(plan.Object, body, plan.Range, false, request.ResponseOverrides) { Versioned = plan.Versioned, Expiration = expiration };
            }

            if (attempt == MaxAttempts)
            {
                throw ObjectBytes.MissingBytes();
            }
        }
    }
}
