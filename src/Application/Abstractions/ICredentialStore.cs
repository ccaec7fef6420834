using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Abstractions;

/// <summary>
/// Where access keys live. The metadata store implements it (durably, beside buckets and objects); SigV4 reads it
/// through a short cache, which the admin use cases evict on every change, so a change counts at once.
/// </summary>
public interface ICredentialStore
{
    Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct);

    /// <summary>Inserts or updates the credential; an update keeps the original creation time.</summary>
    Task UpsertCredentialAsync(Credential credential, CancellationToken ct);

    /// <summary>
    /// The account whose canonical id is <paramref name="ownerId"/> (the owner of any credential, active or
    /// not), or null when no credential acts as it. ACL grants to a canonical id are checked with it.
    /// </summary>
    Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct);

    /// <summary>Every credential, ordered by access key id (ordinal).</summary>
    Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct);

    /// <summary>Inserts the credential; false (nothing changed) when its access key id exists already.</summary>
    Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct);

    /// <summary>Sets the credential's active flag; returns the updated credential, or null when there is none.</summary>
    Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct);

    /// <summary>Deletes the credential; false when there was none.</summary>
    Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct);
}
