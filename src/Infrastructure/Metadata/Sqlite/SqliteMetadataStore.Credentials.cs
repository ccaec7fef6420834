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
        "INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at, description) " +
        "VALUES (@access_key_id, @secret_key, @owner_id, @display_name, @active, @created_at, @description) " +
        "ON CONFLICT(access_key_id) DO UPDATE SET secret_key = excluded.secret_key, owner_id = excluded.owner_id, " +
        "display_name = excluded.display_name, active = excluded.active, description = excluded.description";

    /// <summary>Inserts or updates the credential; an update keeps the original <c>created_at</c>. Runs at every start, so no Dapper (IL emit).</summary>
    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct) =>
        _db.WriteAsync((credential, commands: _db.WriterCommands), static (_, tx, s) => Bind(s.commands.Command(UpsertCredential, tx), s.credential)
            .ExecuteNonQuery(), ct);

    private const string InsertCredential =
        "INSERT INTO credentials (access_key_id, secret_key, owner_id, display_name, active, created_at, description) " +
        "VALUES (@access_key_id, @secret_key, @owner_id, @display_name, @active, @created_at, @description) " +
        "ON CONFLICT(access_key_id) DO NOTHING";

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) =>
        _db.WriteAsync((credential, commands: _db.WriterCommands), static (_, tx, s) => Bind(s.commands.Command(InsertCredential, tx), s.credential)
            .ExecuteNonQuery() == 1, ct);

    private const string ListCredentials = $"SELECT {CredentialRow.Columns} FROM credentials ORDER BY access_key_id";

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var lease = _db.RentReader();
        using var reader = lease.Command(ListCredentials).ExecuteReader();
        var result = new List<Credential>();
        while (reader.Read())
        {
            result.Add(CredentialRow.Read(reader).ToDomain());
        }

        // ORDER BY uses SQLite's BINARY collation: byte order of UTF-8, the same as ordinal for the ASCII ids S3 uses.
        result.Sort(static (a, b) => string.CompareOrdinal(a.AccessKeyId, b.AccessKeyId));
        return Task.FromResult<IReadOnlyList<Credential>>(result);
    }

    private const string SetActive =
        $"UPDATE credentials SET active = @active WHERE access_key_id = @accessKeyId RETURNING {CredentialRow.Columns}";

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) =>
        _db.WriteAsync((accessKeyId, active, commands: _db.WriterCommands), static (_, tx, s) =>
        {
            using var reader = s.commands.Command(SetActive, tx).Set("@active", s.active ? 1L : 0L).Set("@accessKeyId", s.accessKeyId).ExecuteReader();
            return reader.Read() ? CredentialRow.Read(reader).ToDomain() : null;
        }, ct);

    private const string DeleteCredential = "DELETE FROM credentials WHERE access_key_id = @accessKeyId";

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) =>
        _db.WriteAsync((accessKeyId, commands: _db.WriterCommands), static (_, tx, s) =>
            s.commands.Command(DeleteCredential, tx).Set("@accessKeyId", s.accessKeyId).ExecuteNonQuery() == 1, ct);

    private static Microsoft.Data.Sqlite.SqliteCommand Bind(Microsoft.Data.Sqlite.SqliteCommand command, Credential credential) => command
        .Set("@access_key_id", credential.AccessKeyId)
        .Set("@secret_key", credential.SecretKey)
        .Set("@owner_id", credential.Owner.Id)
        .Set("@display_name", credential.Owner.DisplayName)
        .Set("@active", credential.Active ? 1L : 0L)
        .Set("@created_at", Timestamps.ToText(credential.CreatedAt))
        .Set("@description", (object?)credential.Description ?? DBNull.Value);
}
