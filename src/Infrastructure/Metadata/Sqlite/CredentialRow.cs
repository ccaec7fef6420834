using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>A <c>credentials</c> row.</summary>
internal sealed class CredentialRow
{
    public const string Columns =
        "access_key_id AS AccessKeyId, secret_key AS SecretKey, owner_id AS OwnerId, display_name AS DisplayName, active AS Active, created_at AS CreatedAt, description AS Description";

    public string AccessKeyId { get; set; } = "";

    public string SecretKey { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public long Active { get; set; }

    public string CreatedAt { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by ordinal.</summary>
    public static CredentialRow Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new()
    {
        AccessKeyId = r.GetString(0),
        SecretKey = r.GetString(1),
        OwnerId = r.GetString(2),
        DisplayName = r.GetString(3),
        Active = r.GetInt64(4),
        CreatedAt = r.GetString(5),
        Description = r.IsDBNull(6) ? null : r.GetString(6),
    };

    public Credential ToDomain() => new(AccessKeyId, SecretKey, new Owner(OwnerId, DisplayName), Active != 0, Timestamps.FromText(CreatedAt), Description);
}
