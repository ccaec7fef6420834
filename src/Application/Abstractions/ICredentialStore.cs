using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Abstractions;

/// <summary>Where access keys live. The metadata store implements it; SigV4 reads it through a short cache.</summary>
public interface ICredentialStore
{
    Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct);

    Task UpsertCredentialAsync(Credential credential, CancellationToken ct);
}
