using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.GetObject;

/// <summary>HEAD's read path (<see cref="ObjectRead"/>), then the bytes.</summary>
internal sealed class GetObjectHandler(IMetadataStore store, IObjectStorage storage) : IRequestHandler<GetObjectQuery, GetObjectResult>
{
    public async Task<GetObjectResult> Handle(GetObjectQuery request, CancellationToken cancellationToken)
    {
        if (request.Context.Caller is null && request.ResponseOverrides is { Count: > 0 })
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Request specific response headers cannot be used for anonymous GET requests.");
        }

        var plan = await ObjectRead.PlanAsync(store, request, cancellationToken).ConfigureAwait(false);
        if (plan.NotModified)
        {
            return new GetObjectResult(plan.Object, null, null, true, null);
        }

        var body = plan.Range is { } r
            ? await ObjectBytes.OpenReadAsync(storage, plan.Object, r.First, r.Length, cancellationToken).ConfigureAwait(false)
            : await ObjectBytes.OpenReadAsync(storage, plan.Object, 0, null, cancellationToken).ConfigureAwait(false);

        return new GetObjectResult(plan.Object, body, plan.Range, false, request.ResponseOverrides);
    }
}
