namespace BleepStore.Infrastructure.Metadata.Transfer;

/// <summary>
/// The tables of the export format (spec 60), in the order import inserts them, with how their columns are written.
/// Data, not code paths: a later table (object versions) is one more entry here, with its primary key, its JSON and
/// boolean columns and its parent for the orphan check.
/// </summary>
public sealed record ExportTable(string Name, string OrderBy, string[] JsonColumns, string[] BoolColumns, string? OrphanCheck)
{
    public static readonly ExportTable Buckets = new("buckets", "name", ["acl", "tags", "cors", "object_lock", "lifecycle"], [], null);

    public static readonly ExportTable Objects = new("objects", "bucket, key", ["acl", "user_metadata", "checksums", "part_sizes", "tags", "object_lock", "part_checksums"], ["delete_marker"],
        "bucket NOT IN (SELECT name FROM buckets)");

    /// <summary>Noncurrent versions and delete markers (schema step 5, decision 0014), after the objects of their buckets.</summary>
    public static readonly ExportTable ObjectVersions = new("object_versions", "bucket, key, seq", ["acl", "user_metadata", "checksums", "part_sizes", "tags", "object_lock", "part_checksums"], ["delete_marker"],
        "bucket NOT IN (SELECT name FROM buckets)");

    public static readonly ExportTable Uploads = new("multipart_uploads", "upload_id", ["acl", "user_metadata", "tags", "object_lock"], [],
        "bucket NOT IN (SELECT name FROM buckets)");

    public static readonly ExportTable Parts = new("multipart_parts", "upload_id, part_number", ["checksums"], [],
        "upload_id NOT IN (SELECT upload_id FROM multipart_uploads)");

    public static readonly ExportTable Credentials = new("credentials", "access_key_id", [], ["active"], null);

    /// <summary>Insert order: parents before children.</summary>
    public static readonly IReadOnlyList<ExportTable> All = [Buckets, Objects, ObjectVersions, Uploads, Parts, Credentials];

    public static ExportTable? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    /// <summary>Parses <c>--tables a,b</c>; throws <see cref="ArgumentException"/> naming an unknown table.</summary>
    public static IReadOnlyList<ExportTable> Parse(string? list)
    {
        if (string.IsNullOrWhiteSpace(list))
        {
            return All;
        }

        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (Find(name) is null)
            {
                throw new ArgumentException($"unknown table '{name}' (tables: {string.Join(",", All.Select(t => t.Name))})");
            }
        }

        return All.Where(t => names.Contains(t.Name)).ToList();
    }
}
