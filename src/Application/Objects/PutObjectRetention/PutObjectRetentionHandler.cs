using BleepStore.Application.Abstractions;
using BleepStore.Application.ObjectLock;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectRetention;

/// <summary>
/// Sets, extends, shortens or removes one version's retention. Whether the change is allowed
/// (<see cref="Domain.Objects.ObjectLockRules.MayChangeRetention"/>) is decided by the store inside the transaction that
/// writes it; a refusal is 403 AccessDenied as S3 answers.
/// </summary>
internal sealed class PutObjectRetentionHandler(IMetadataStore store, IClock clock) : IRequestHandler<PutObjectRetentionCommand, Unit>
{
    public async Task<Unit> Handle(PutObjectRetentionCommand request, CancellationToken cancellationToken)
    {
        await ObjectLockAccess.RequireVersionAsync(store, request.Bucket, request.Key, request.VersionId, request.Context.Caller, write: true, cancellationToken).ConfigureAwait(false);
        ObjectLockChecksums.RequireForDocument(request.Retention.IntegrityHeaders);
        var retention = await request.Retention.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.UtcNow;
        if (retention is not null && retention.RetainUntil <= now)
        {
            throw new S3Exception(S3Errors.InvalidArgument, "The retain until date must be in the future!");
        }

        var change = new ObjectLockChange(true, retention, null, new ObjectLockGuard(now, request.BypassGovernance));
        var result = await store.SetObjectLockAsync(request.Bucket, request.Key, request.VersionId, change, cancellationToken).ConfigureAwait(false);
        ObjectLockAccess.Check(result, request.Key, request.VersionId, "PUT");
        return Unit.Value;
    }
}
