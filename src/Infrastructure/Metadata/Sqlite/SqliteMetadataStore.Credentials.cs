using BleepStore.Domain.Credentials;
using Dapper;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

public sealed partial class SqliteMetadataStore
{
    private const string SelectCredential = $"SELECT {CredentialRow.Columns} FROM credentials WHERE access_key_id = @accessKeyId";

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        using var reader = lease.Command(SelectCredential).Set("@accessKeyId", accessKeyId).ExecuteReader();
        return Task.FromResult(reader.Read() ? CredentialRow.Read(reader).ToDomain() : null);
    }

    /// <summary>Inserts or updates the credential; an update keeps the original <c>created_at</c>.</summary>
    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) =>
        _db.WriteAsync(CredentialRow.ToParameters(credential), static (c, tx, parameters) => c.Execute(
            "INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at) " +
            "VALUES (@access_key_id, @secret_key, @owner_id, @display_name, @active, @created_at) " +
            "ON CONFLICT(access_key_id) DO UPDATE SET secret_key = excluded.secret_key, owner_id = excluded.owner_id, " +
            "display_name = excluded.display_name, active = excluded.active",
            parameters,
            tx), ct);
}
