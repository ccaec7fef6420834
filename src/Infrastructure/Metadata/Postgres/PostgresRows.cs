using System.Data.Common;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Metadata.Sqlite;
using Npgsql;

namespace BleepStore.Infrastructure.Metadata.Postgres;

/// <summary>
/// Plain Npgsql commands and readers for the object rows: the column lists of <see cref="ObjectRow"/> read by ordinal
/// (as <c>ObjectRow.Read</c> does on SQLite), so the hot paths skip Dapper's mapping.
/// </summary>
internal static class PostgresRows
{
    /// <summary>A full entry: the object columns, the inline bytes, then version id, marker flag and sequence (ordinals 21–24).</summary>
    public const string EntryColumns = $"{ObjectRow.Columns}, inline_data, version_id, delete_marker, seq";

    /// <summary>The parameter names of <see cref="ObjectRow.InsertValues"/>, in the order of <see cref="ObjectRow.Values"/>.</summary>
    private static readonly string[] InsertParameterNames =
    [
        "bucket", "key", "size", "etag", "content_type", "content_encoding", "content_language", "content_disposition",
        "cache_control", "expires", "storage_class", "acl", "user_metadata", "last_modified", "blob_id", "checksums",
        "parts_count", "part_sizes", "tags", "inline_data", "object_lock", "part_checksums",
    ];

    public static NpgsqlCommand Command(this NpgsqlConnection c, NpgsqlTransaction? tx, string sql) => new(sql, c, tx);

    /// <summary>Adds a parameter (null becomes SQL NULL).</summary>
    public static NpgsqlCommand Set(this NpgsqlCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Adds the parameter <c>@key</c>: an object key in its stored form (<see cref="PostgresKeys"/>).</summary>
    public static NpgsqlCommand SetKey(this NpgsqlCommand command, string key) => command.Set("key", PostgresKeys.Encode(key));

    /// <summary>Adds the values of an object row (<see cref="ObjectRow.Values"/>) under the names of <see cref="ObjectRow.InsertValues"/>.</summary>
    public static NpgsqlCommand SetObject(this NpgsqlCommand command, ObjectRecord record)
    {
        SetObject(command.Parameters, record);
        return command;
    }

    /// <summary>The parameters of <see cref="ObjectRow.InsertValues"/> for <paramref name="record"/> (a command's or a batch command's).</summary>
    public static void SetObject(NpgsqlParameterCollection parameters, ObjectRecord record)
    {
        var values = ObjectRow.Values(record);
        values[1] = PostgresKeys.Encode(record.Key);
        for (var i = 0; i < values.Length; i++)
        {
            parameters.AddWithValue(InsertParameterNames[i], values[i]);
        }
    }

    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>Reads a row selected with <see cref="ObjectRow.Columns"/>, optionally followed by inline_data and version_id.</summary>
    public static ObjectRow ReadRow(DbDataReader r) => new()
    {
        Bucket = r.GetString(0),
        Key = PostgresKeys.Decode(r.GetString(1)),
        Size = r.GetInt64(2),
        ETag = r.GetString(3),
        ContentType = r.GetString(4),
        ContentEncoding = NullableString(r, 5),
        ContentLanguage = NullableString(r, 6),
        ContentDisposition = NullableString(r, 7),
        CacheControl = NullableString(r, 8),
        Expires = NullableString(r, 9),
        StorageClass = r.GetString(10),
        Acl = r.GetString(11),
        UserMetadata = r.GetString(12),
        LastModified = r.GetString(13),
        BlobId = r.GetString(14),
        Checksums = NullableString(r, 15),
        PartsCount = r.GetInt64(16),
        PartSizes = NullableString(r, 17),
        Tags = NullableString(r, 18),
        ObjectLock = NullableString(r, 19),
        PartChecksums = NullableString(r, 20),
        InlineData = r.FieldCount > 21 && !r.IsDBNull(21) ? r.GetFieldValue<byte[]>(21) : null,
        VersionId = r.FieldCount > 22 && !r.IsDBNull(22) ? r.GetString(22) : null,
    };

    /// <summary>A listing entry from a row selected with <see cref="ObjectRow.ListingColumns"/>.</summary>
    public static ObjectRecord ReadListing(DbDataReader r, string bucket) => new()
    {
        Bucket = bucket,
        Key = PostgresKeys.Decode(r.GetString(0)),
        Size = r.GetInt64(1),
        ETag = r.GetString(2),
        Content = ContentHeaders.Default,
        StorageClass = r.GetString(3),
        Acl = MetadataJson.ReadAcl(r.GetString(4), null),
        LastModified = Timestamps.FromText(r.GetString(5)),
        BlobId = "",
    };

    /// <summary>Reads the current row of a reader positioned on a row selected with <see cref="EntryColumns"/>.</summary>
    public static PostgresEntry ReadEntry(DbDataReader r)
    {
        var row = ReadRow(r);
        var marker = r.GetInt64(23) != 0;
        return new PostgresEntry(row.ToDomain() with { IsDeleteMarker = marker }, row, r.GetInt64(24));
    }

    /// <summary>Runs <paramref name="command"/> (selecting <see cref="EntryColumns"/>) and reads its first row; null when there is none.</summary>
    public static async Task<PostgresEntry?> QueryEntryAsync(NpgsqlCommand command)
    {
        await using (command.ConfigureAwait(false))
        {
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            return await reader.ReadAsync().ConfigureAwait(false) ? ReadEntry(reader) : null;
        }
    }

    public static async Task<int> ExecuteAsync(NpgsqlCommand command)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>One object row (current or noncurrent) with its sequence number.</summary>
internal sealed record PostgresEntry(ObjectRecord Record, ObjectRow Row, long Seq);
