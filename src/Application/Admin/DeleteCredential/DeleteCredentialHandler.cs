using BleepStore.Application.Abstractions;
using BleepStore.Application.Auth;
using MediatR;

namespace BleepStore.Application.Admin.DeleteCredential;

internal sealed class DeleteCredentialHandler(ICredentialStore credentials, CredentialCache cache) : IRequestHandler<DeleteCredentialCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCredentialCommand request, CancellationToken cancellationToken)
    {
        var deleted = await credentials.DeleteCredentialAsync(request.AccessKeyId, cancellationToken).ConfigureAwait(false);
        cache.Evict(request.AccessKeyId);
        return deleted ? Unit.Value : throw AdminException.NotFound($"No credential with access key id '{request.AccessKeyId}'.");
    }
}
