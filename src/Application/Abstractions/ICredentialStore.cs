using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Abstractions;

/// <summary>Where access keys live. The metadata store implements it; SigV4 reads it through a short cache.</summary>
public interface ICredentialStore
{
    Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct);

    Task UpsertCredentialAsync(Credential credential, CancellationToken ct);

    /// <summary>
    /// The account whose canonical id is <paramref name="ownerId"/> (the owner of any credential, active or
    /// not), or null when no credential acts as it. ACL grants to a canonical id are checked with it.
    /// </summary>
    Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct);
}
