using System.Security.Cryptography;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Auth;
using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;
using MediatR;

namespace BleepStore.Application.Admin.CreateCredential;

internal sealed class CreateCredentialHandler(ICredentialStore credentials, CredentialCache cache, IClock clock)
    : IRequestHandler<CreateCredentialCommand, CreatedCredential>
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public async Task<CreatedCredential> Handle(CreateCredentialCommand request, CancellationToken cancellationToken)
    {
        // 36^16 ids: a collision is practically impossible, but an insert that finds one simply draws again.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var id = "AKBS" + RandomNumberGenerator.GetString(IdAlphabet, 16);
            var secret = RandomNumberGenerator.GetString(SecretAlphabet, 40);
            var ownerId = request.OwnerId ?? id;
            var credential = new Credential(id, secret, new Owner(ownerId, request.DisplayName ?? ownerId), Active: true, clock.UtcNow, request.Description);
            if (await credentials.TryCreateCredentialAsync(credential, cancellationToken).ConfigureAwait(false))
            {
                cache.Evict(id);
                var stored = await credentials.GetCredentialAsync(id, cancellationToken).ConfigureAwait(false) ?? credential;
                return new CreatedCredential(CredentialSummary.Of(stored), secret);
            }
        }

        throw AdminException.Conflict("Could not draw an unused access key id.");
    }
}
