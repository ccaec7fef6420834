using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Objects.HeadObject;

internal sealed class HeadObjectHandler(IMetadataStore store, Lifecycle.LifecycleOptions? lifecycle = null) : IRequestHandler<HeadObjectQuery, HeadObjectResult>
{
    public async Task<HeadObjectResult> Handle(HeadObjectQuery request, CancellationToken cancellationToken)
    {
        var plan = await ObjectRead.PlanAsync(store, request, cancellationToken).ConfigureAwait(false);
        return plan.NotModified
            ? new HeadObjectResult(plan.Object, null, true, null) { Versioned = plan.Versioned }
            : new HeadObjectResult(plan.Object, plan.Range, false, request.ResponseOverrides)
            {
                Versioned = plan.Versioned,
                Expiration = Lifecycle.ExpirationHeader.ForRead(plan.Bucket, plan.Object, request.VersionId, lifecycle),
            };
    }
}
