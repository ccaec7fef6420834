using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

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

    private const string SelectAccount = "SELECT owner_id, display_name FROM credentials WHERE owner_id = @ownerId ORDER BY active DESC, created_at LIMIT 1";

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        using var reader = lease.Command(SelectAccount).Set("@ownerId", ownerId).ExecuteReader();
        return Task.FromResult(reader.Read() ? new Owner(reader.GetString(0), reader.GetString(1)) : null);
    }

    private const string UpsertCredential =
        "INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at) " +
        "VALUES (@access_key_id, @secret_key, @owner_id, @display_name, @active, @created_at) " +
        "ON CONFLICT(access_key_id) DO UPDATE SET secret_key = excluded.secret_key, owner_id = excluded.owner_id, " +
        "display_name = excluded.display_name, active = excluded.active";

    /// <summary>Inserts or updates the credential; an update keeps the original <c>created_at</c>. Runs at every start, so no Dapper (IL emit).</summary>
    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) =>
        _db.WriteAsync((credential, commands: _db.WriterCommands), static (_, tx, s) => s.commands.Command(UpsertCredential, tx)
            .Set("@access_key_id", s.credential.AccessKeyId)
            .Set("@secret_key", s.credential.SecretKey)
            .Set("@owner_id", s.credential.Owner.Id)
            .Set("@display_name", s.credential.Owner.DisplayName)
            .Set("@active", s.credential.Active ? 1L : 0L)
            .Set("@created_at", Timestamps.ToText(s.credential.CreatedAt))
            .ExecuteNonQuery(), ct);
}
