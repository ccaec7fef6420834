using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Postgres;

public sealed partial class PostgresMetadataStore
{
    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) => throw Pending();

    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) => throw Pending();

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) => throw Pending();

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) => throw Pending();

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) => throw Pending();

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) => throw Pending();

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) => throw Pending();
}
