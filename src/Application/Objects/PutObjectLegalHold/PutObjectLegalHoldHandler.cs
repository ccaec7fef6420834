using BleepStore.Application.Abstractions;
using BleepStore.Application.ObjectLock;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectLegalHold;

/// <summary>Puts a legal hold ON or OFF; it is independent of retention, and nobody needs a bypass to lift it (S3).</summary>
internal sealed class PutObjectLegalHoldHandler(IMetadataStore store, IClock clock) : IRequestHandler<PutObjectLegalHoldCommand, Unit>
{
    public async Task<Unit> Handle(PutObjectLegalHoldCommand request, CancellationToken cancellationToken)
    {
        await ObjectLockAccess.RequireVersionAsync(store, request.Bucket, request.Key, request.VersionId, request.Context.Caller, write: true, cancellationToken).ConfigureAwait(false);
        ObjectLockChecksums.RequireForDocument(request.LegalHold.IntegrityHeaders);
        var on = await request.LegalHold.ReadAsync(cancellationToken).ConfigureAwait(false);
        var change = new ObjectLockChange(false, null, on, new ObjectLockGuard(clock.UtcNow, false));
        var result = await store.SetObjectLockAsync(request.Bucket, request.Key, request.VersionId, change, cancellationToken).ConfigureAwait(false);
        ObjectLockAccess.Check(result, request.Key, request.VersionId, "PUT");
        return Unit.Value;
    }
}
