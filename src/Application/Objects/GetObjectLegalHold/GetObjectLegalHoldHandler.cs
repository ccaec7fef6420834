using BleepStore.Application.Abstractions;
using BleepStore.Application.ObjectLock;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectLegalHold;

internal sealed class GetObjectLegalHoldHandler(IMetadataStore store) : IRequestHandler<GetObjectLegalHoldQuery, bool>
{
    public async Task<bool> Handle(GetObjectLegalHoldQuery request, CancellationToken cancellationToken)
    {
        var version = await ObjectLockAccess.RequireVersionAsync(store, request.Bucket, request.Key, request.VersionId, request.Context.Caller, write: false, cancellationToken).ConfigureAwait(false);
        return version.LegalHold ?? throw new S3Exception(S3Errors.NoSuchObjectLockConfiguration);
    }
}
