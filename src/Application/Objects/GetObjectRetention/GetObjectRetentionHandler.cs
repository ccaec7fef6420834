using BleepStore.Application.Abstractions;
using BleepStore.Application.ObjectLock;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectRetention;

internal sealed class GetObjectRetentionHandler(IMetadataStore store) : IRequestHandler<GetObjectRetentionQuery, ObjectRetention>
{
    public async Task<ObjectRetention> Handle(GetObjectRetentionQuery request, CancellationToken cancellationToken)
    {
        var version = await ObjectLockAccess.RequireVersionAsync(store, request.Bucket, request.Key, request.VersionId, request.Context.Caller, write: false, cancellationToken).ConfigureAwait(false);
        return version.Retention ?? throw new S3Exception(S3Errors.NoSuchObjectLockConfiguration);
    }
}
