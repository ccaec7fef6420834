using BleepStore.Application.Abstractions;
using BleepStore.Application.Auth;
using MediatR;

namespace BleepStore.Application.Admin.SetCredentialStatus;

internal sealed class SetCredentialStatusHandler(ICredentialStore credentials, CredentialCache cache)
    : IRequestHandler<SetCredentialStatusCommand, CredentialSummary>
{
    public async Task<CredentialSummary> Handle(SetCredentialStatusCommand request, CancellationToken cancellationToken)
    {
        var updated = await credentials.SetCredentialActiveAsync(request.AccessKeyId, request.Status == "active", cancellationToken).ConfigureAwait(false);
        cache.Evict(request.AccessKeyId);
        return updated is null
            ? throw AdminException.NotFound($"No credential with access key id '{request.AccessKeyId}'.")
            : CredentialSummary.Of(updated);
    }
}
