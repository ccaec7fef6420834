using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

/// <summary>A <c>buckets</c> row as Dapper reads it.</summary>
internal sealed class BucketRow
{
    public const string Columns = "name AS Name, region AS Region, owner_id AS OwnerId, owner_display AS OwnerDisplay, acl AS Acl, created_at AS CreatedAt, tags AS Tags, cors AS Cors, object_ownership AS ObjectOwnership, versioning AS Versioning, object_lock AS ObjectLock, lifecycle AS Lifecycle";

    public string Name { get; set; } = "";

    public string Region { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public string OwnerDisplay { get; set; } = "";

    public string Acl { get; set; } = "{}";

    public string CreatedAt { get; set; } = "";

    public string? Tags { get; set; }

    public string? Cors { get; set; }

    public string? ObjectOwnership { get; set; }
    public string? Versioning { get; set; }

    public string? ObjectLock { get; set; }
    public string? Lifecycle { get; set; }

    public static object ToParameters(Bucket b) => new
    {
        name = b.Name,
        region = b.Region,
        owner_id = b.Owner.Id,
        owner_display = b.Owner.DisplayName,
        acl = MetadataJson.WriteAcl(b.Acl),
        created_at = Timestamps.ToText(b.CreatedAt),
        tags = b.Tags is null ? null : MetadataJson.WriteTags(b.Tags),
        cors = b.Cors is null ? null : MetadataJson.WriteCors(b.Cors),
        object_ownership = b.ObjectOwnership,
        versioning = b.Versioning,
        object_lock = ObjectLockJson.WriteBucket(b.ObjectLock),
    };

    /// <summary>Reads a row selected with <see cref="Columns"/>, by ordinal.</summary>
    public static BucketRow Read(Microsoft.Data.Sqlite.SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        Region = r.GetString(1),
        OwnerId = r.GetString(2),
        OwnerDisplay = r.GetString(3),
        Acl = r.GetString(4),
        CreatedAt = r.GetString(5),
        Tags = r.IsDBNull(6) ? null : r.GetString(6),
        Cors = r.IsDBNull(7) ? null : r.GetString(7),
        ObjectOwnership = r.IsDBNull(8) ? null : r.GetString(8),
        Versioning = r.IsDBNull(9) ? null : r.GetString(9),
        ObjectLock = r.IsDBNull(10) ? null : r.GetString(10),
        Lifecycle = r.IsDBNull(11) ? null : r.GetString(11),
    };

    public Bucket ToDomain()
    {
        var owner = new Owner(OwnerId, OwnerDisplay);
        return new Bucket(Name, Region, owner, MetadataJson.ReadAcl(Acl, owner), Timestamps.FromText(CreatedAt))
        {
            Tags = Tags is null ? null : MetadataJson.ReadTags(Tags),
            Cors = Cors is null ? null : MetadataJson.ReadCors(Cors),
            ObjectOwnership = ObjectOwnership,
            Versioning = Versioning,
            ObjectLock = ObjectLockJson.ReadBucket(ObjectLock),
            Lifecycle = Lifecycle is null ? null : LifecycleJson.Read(Lifecycle),
        };
    }
}
