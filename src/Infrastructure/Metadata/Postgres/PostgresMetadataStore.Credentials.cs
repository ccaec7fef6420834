using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Dapper;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

public sealed partial class PostgresMetadataStore
{
    private const string SelectCredential = $"SELECT {CredentialRow.Columns} FROM credentials WHERE access_key_id = @accessKeyId";

    private const string CredentialValues =
        "INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at, description) " +
        "VALUES (@access_key_id, @secret_key, @owner_id, @display_name, @active, @created_at, @description) ";

    /// <summary>Served from the node's cache while the change listener listens (every signed request looks its key up).</summary>
    public async Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        if (_credentials.TryGet(accessKeyId, out var cached))
        {
            return cached;
        }

        var generation = _credentials.Generation;
        var credential = await ReadAsync(accessKeyId, static async (c, accessKeyId) =>
            (await c.QuerySingleOrDefaultAsync<CredentialRow>(SelectCredential, new { accessKeyId }).ConfigureAwait(false))?.ToDomain(), ct).ConfigureAwait(false);
        if (credential is not null)
        {
            _credentials.Fill(accessKeyId, credential, generation);
        }

        return credential;
    }

    /// <summary>Inserts or updates the credential; an update keeps the original <c>created_at</c>.</summary>
    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) =>
        WriteCredentialAsync(credential.AccessKeyId, CredentialParameters(credential), static (c, tx, p) => c.ExecuteAsync(
            CredentialValues +
            "ON CONFLICT (access_key_id) DO UPDATE SET secret_key = excluded.secret_key, owner_id = excluded.owner_id, " +
            "display_name = excluded.display_name, active = excluded.active, description = excluded.description",
            p,
            tx), ct);

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) =>
        ReadAsync(ownerId, static async (c, ownerId) =>
        {
            var row = await c.QuerySingleOrDefaultAsync<(string? OwnerId, string DisplayName)>(
                "SELECT owner_id, display_name FROM credentials WHERE owner_id = @ownerId ORDER BY active DESC, created_at LIMIT 1",
                new { ownerId }).ConfigureAwait(false);
            return row.OwnerId is null ? null : new Owner(row.OwnerId, row.DisplayName);
        }, ct);

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) =>
        ReadAsync(0, static async (c, _) =>
        {
            // access_key_id is COLLATE "C": UTF-8 byte order, as SQLite's BINARY; then ordinal, as the SQLite store sorts.
            var result = (await c.QueryAsync<CredentialRow>($"SELECT {CredentialRow.Columns} FROM credentials ORDER BY access_key_id").ConfigureAwait(false))
                .Select(static r => r.ToDomain())
                .ToList();
            result.Sort(static (a, b) => string.CompareOrdinal(a.AccessKeyId, b.AccessKeyId));
            return (IReadOnlyList<Credential>)result;
        }, ct);

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) =>
        WriteAsync(CredentialParameters(credential), static async (c, tx, p) =>
            await c.ExecuteAsync(CredentialValues + "ON CONFLICT (access_key_id) DO NOTHING", p, tx).ConfigureAwait(false) == 1, ct);

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) =>
        WriteCredentialAsync(accessKeyId, new { accessKeyId, active = active ? 1L : 0L }, static async (c, tx, p) =>
            (await c.QuerySingleOrDefaultAsync<CredentialRow>(
                $"UPDATE credentials SET active = @active WHERE access_key_id = @accessKeyId RETURNING {CredentialRow.Columns}",
                p,
                tx).ConfigureAwait(false))?.ToDomain(), ct);

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) =>
        WriteCredentialAsync(accessKeyId, accessKeyId, static async (c, tx, accessKeyId) =>
            await c.ExecuteAsync("DELETE FROM credentials WHERE access_key_id = @accessKeyId", new { accessKeyId }, tx).ConfigureAwait(false) == 1, ct);

    /// <summary>As <see cref="WriteBucketAsync"/>, for credential <paramref name="accessKeyId"/>.</summary>
    private async Task<T> WriteCredentialAsync<TState, T>(string accessKeyId, TState state, Func<NpgsqlConnection, NpgsqlTransaction, TState, Task<T>> write, CancellationToken ct)
    {
        try
        {
            return await WriteAsync(state, write, ct).ConfigureAwait(false);
        }
        finally
        {
            _credentials.Invalidate(accessKeyId);
        }
    }

    private static object CredentialParameters(Credential credential) => new
    {
        access_key_id = credential.AccessKeyId,
        secret_key = credential.SecretKey,
        owner_id = credential.Owner.Id,
        display_name = credential.Owner.DisplayName,
        active = credential.Active ? 1L : 0L,
        created_at = Timestamps.ToText(credential.CreatedAt),
        description = credential.Description,
    };
}
