using System.Security.Cryptography;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>What <see cref="StorageReconciler.CheckAsync"/> looks for and whether it repairs.</summary>
/// <param name="Deep">Re-read and re-hash every blob (size and ETag), not only what listings and rows tell.</param>
public sealed record FsckOptions(bool Repair = false, bool Deep = false);

/// <summary>One problem: its kind (<see cref="FsckKinds"/>), where, what, and whether <c>--repair</c> fixed it.</summary>
public sealed record FsckFinding(string Kind, string Bucket, string? Key, string? UploadId, string? BlobId, string Detail, bool Repaired);

/// <summary>What was checked and what was found.</summary>
public sealed record FsckReport(long Buckets, long Objects, long Uploads, long Parts, long Blobs, long BytesHashed, IReadOnlyList<FsckFinding> Findings)
{
    public bool Clean => Findings.Count == 0;
}

/// <summary>The kinds of <see cref="FsckFinding"/>.</summary>
public static class FsckKinds
{
    /// <summary>An object row names a blob the backend does not have (or neither a blob nor inline bytes).</summary>
    public const string MissingBytes = "missing-bytes";

    /// <summary>A part of an open upload names a blob the backend does not have.</summary>
    public const string MissingPartBytes = "missing-part-bytes";

    /// <summary>A blob no object or part row names: a crash between write and commit, or a part of an upload that no longer exists.</summary>
    public const string OrphanBlob = "orphan-blob";

    /// <summary>The blob (or the inline bytes) is not as long as the row says.</summary>
    public const string SizeMismatch = "size-mismatch";

    /// <summary>The bytes do not hash to the row's ETag (inline rows always; blobs with --deep).</summary>
    public const string ETagMismatch = "etag-mismatch";
}

public sealed partial class StorageReconciler
{
    /// <summary>
    /// <c>bleepstore fsck</c>: walks every bucket's rows, uploads and blobs with the same walks as
    /// <see cref="DropRowsWithoutBytesAsync"/> and <see cref="SweepOrphansAsync"/>, and reports rows without bytes,
    /// blobs without rows, size and ETag mismatches. With <see cref="FsckOptions.Repair"/> it fixes what is safe with
    /// the same steps those use: a row whose bytes are missing or wrong is deleted (row first, then its blob),
    /// an upload with a part whose bytes are missing or wrong is aborted, an orphan blob is deleted. Run it with the
    /// server stopped: a blob an in-flight write has not committed yet looks like an orphan.
    /// </summary>
    public async Task<FsckReport> CheckAsync(FsckOptions options, Action<string, long>? progress, CancellationToken ct)
    {
        var findings = new List<FsckFinding>();
        long buckets = 0, objects = 0, uploads = 0, parts = 0, blobs = 0, hashed = 0;
        foreach (var bucket in await store.ListBucketsAsync(null, ct).ConfigureAwait(false))
        {
            buckets++;
            var present = await BlobsOfAsync(bucket.Name, ct).ConfigureAwait(false);
            blobs += present.Count;
            var named = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var row in ObjectRowsAsync(bucket.Name, ct).ConfigureAwait(false))
            {
                objects++;
                if (objects % 10_000 == 0)
                {
                    progress?.Invoke("objects", objects);
                }

                named.Add(row.BlobId);
                var (problem, detail, read) = await CheckObjectAsync(row, present, options.Deep, ct).ConfigureAwait(false);
                hashed += read;
                if (problem is null)
                {
                    continue;
                }

                var repaired = false;
                if (options.Repair && await store.DeleteObjectAsync(row.Bucket, row.Key, ct).ConfigureAwait(false) is { } deleted)
                {
                    // Row first, bytes second (crash-only rule 5); a blob that is missing has nothing to delete.
                    if (deleted.BlobId.Length > 0 && present.ContainsKey(deleted.BlobId))
                    {
                        await reaper.DeleteAsync(storage, bucket.Name, deleted.BlobId).ConfigureAwait(false);
                    }

                    repaired = true;
                }

                findings.Add(new FsckFinding(problem, row.Bucket, row.Key, null, row.BlobId.Length > 0 ? row.BlobId : null, detail, repaired));
            }

            // Noncurrent versions (decision 0014) name their blobs too: never orphans; one whose bytes are gone or of
            // another size is a finding, repaired by deleting that version for good.
            if (bucket.Versioning is not null)
            {
                await foreach (var entry in VersionsAsync(bucket.Name, ct).ConfigureAwait(false))
                {
                    if (entry.IsDeleteMarker || entry.BlobId.Length == 0 || !named.Add(entry.BlobId))
                    {
                        continue;
                    }

                    objects++;
                    string? problem = null, detail = "";
                    if (!present.TryGetValue(entry.BlobId, out var listing))
                    {
                        (problem, detail) = (FsckKinds.MissingBytes, "blob missing (noncurrent version " + VersionIds.ToWire(entry.VersionId) + ")");
                    }
                    else if (listing.Size >= 0 && listing.Size != entry.Size)
                    {
                        (problem, detail) = (FsckKinds.SizeMismatch, $"row {entry.Size} bytes, blob {listing.Size} (noncurrent version {VersionIds.ToWire(entry.VersionId)})");
                    }

                    if (problem is null)
                    {
                        continue;
                    }

                    var repaired = false;
                    if (options.Repair)
                    {
                        var deleted = await store.DeleteVersionAsync(entry.Bucket, entry.Key, VersionIds.ToWire(entry.VersionId), ct).ConfigureAwait(false);
                        if (deleted.Released is { BlobId.Length: > 0 } released && present.ContainsKey(released.BlobId))
                        {
                            await reaper.DeleteAsync(storage, bucket.Name, released.BlobId).ConfigureAwait(false);
                        }

                        repaired = deleted.Found;
                    }

                    findings.Add(new FsckFinding(problem, entry.Bucket, entry.Key, null, entry.BlobId, detail, repaired));
                }
            }

            foreach (var upload in await store.ListUploadsAsync(bucket.Name, "", null, null, MaxUploads, ct).ConfigureAwait(false))
            {
                uploads++;
                FsckFinding? bad = null;
                foreach (var part in await store.ListPartsAsync(upload.UploadId, 0, MaxParts, ct).ConfigureAwait(false))
                {
                    parts++;
                    named.Add(part.BlobId);
                    if (bad is not null)
                    {
                        continue;
                    }

                    if (!present.TryGetValue(part.BlobId, out var listing))
                    {
                        bad = new FsckFinding(FsckKinds.MissingPartBytes, upload.Bucket, upload.Key, upload.UploadId, part.BlobId, $"part {part.PartNumber}: blob missing", false);
                    }
                    else if (listing.Size >= 0 && listing.Size != part.Size)
                    {
                        bad = new FsckFinding(FsckKinds.SizeMismatch, upload.Bucket, upload.Key, upload.UploadId, part.BlobId, $"part {part.PartNumber}: row {part.Size} bytes, blob {listing.Size}", false);
                    }
                }

                if (bad is not null)
                {
                    var repaired = options.Repair && await AbortWithPartsAsync(bucket.Name, upload.UploadId, ct).ConfigureAwait(false);
                    findings.Add(bad with { Repaired = repaired });
                }
            }

            foreach (var (id, listing) in present)
            {
                if (named.Contains(id))
                {
                    continue;
                }

                if (options.Repair)
                {
                    await reaper.DeleteAsync(storage, bucket.Name, id).ConfigureAwait(false);
                }

                findings.Add(new FsckFinding(FsckKinds.OrphanBlob, bucket.Name, null, null, id,
                    $"no row names it ({(listing.Size >= 0 ? listing.Size + " bytes, " : "")}written {listing.WrittenAt:u})", options.Repair));
            }
        }

        progress?.Invoke("objects", objects);
        return new FsckReport(buckets, objects, uploads, parts, blobs, hashed, findings);
    }

    private async Task<(string? Kind, string Detail, long BytesRead)> CheckObjectAsync(ObjectRecord row, Dictionary<string, BlobListing> present, bool deep, CancellationToken ct)
    {
        if (row.InlineData is { } inline)
        {
            if (inline.Length != row.Size)
            {
                return (FsckKinds.SizeMismatch, $"row {row.Size} bytes, inline {inline.Length}", 0);
            }

            var etag = ExpectedETag(row, [MD5.HashData(inline)]);
            return etag is not null && !SameETag(etag, row.ETag) ? (FsckKinds.ETagMismatch, $"row {row.ETag}, inline bytes {etag}", 0) : (null, "", 0);
        }

        if (row.BlobId.Length == 0)
        {
            return row.Size == 0 ? (null, "", 0) : (FsckKinds.MissingBytes, "neither inline bytes nor a blob", 0);
        }

        if (!present.TryGetValue(row.BlobId, out var listing))
        {
            return (FsckKinds.MissingBytes, "blob missing", 0);
        }

        if (listing.Size >= 0 && listing.Size != row.Size)
        {
            return (FsckKinds.SizeMismatch, $"row {row.Size} bytes, blob {listing.Size}", 0);
        }

        if (!deep)
        {
            return (null, "", 0);
        }

        // --deep: read the blob once, hashing each part range (multipart ETags are the MD5 of the parts' MD5s).
        var bounds = row.PartsCount > 0 && row.PartSizes.Count == row.PartsCount ? row.PartSizes : [row.Size];
        var md5s = new List<byte[]>(bounds.Count);
        long total = 0;
        try
        {
            await using var stream = await storage.OpenReadAsync(row.Bucket, row.BlobId, 0, null, ct).ConfigureAwait(false);
            var buffer = new byte[1 << 20];
            foreach (var length in bounds)
            {
                using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                var left = length;
                while (left > 0)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (FsckKinds.SizeMismatch, $"row {row.Size} bytes, blob ends at {total}", total);
                    }

                    md5.AppendData(buffer, 0, read);
                    left -= read;
                    total += read;
                }

                md5s.Add(md5.GetHashAndReset());
            }

            if (await stream.ReadAsync(buffer.AsMemory(0, 1), ct).ConfigureAwait(false) > 0)
            {
                return (FsckKinds.SizeMismatch, $"row {row.Size} bytes, blob is longer", total);
            }
        }
        catch (BlobNotFoundException)
        {
            return (FsckKinds.MissingBytes, "blob missing", total);
        }

        var expected = ExpectedETag(row, md5s);
        return expected is not null && !SameETag(expected, row.ETag) ? (FsckKinds.ETagMismatch, $"row {row.ETag}, bytes {expected}", total) : (null, "", total);
    }

    /// <summary>
    /// The ETag the bytes give: MD5 for a single-part object, MD5-of-MD5s-N for a multipart one whose part sizes are
    /// known; null when the row's ETag is not of either form (then only the size is checked).
    /// </summary>
    private static string? ExpectedETag(ObjectRecord row, IReadOnlyList<byte[]> md5s)
    {
        var bare = ETag.Bare(row.ETag);
        var dash = bare.IndexOf('-');
        if (dash < 0)
        {
            return md5s.Count == 1 && bare.Length == 32 ? ETag.FromMd5(md5s[0]) : null;
        }

        if (md5s.Count < 2 && row.PartsCount != 1)
        {
            return null;
        }

        var all = md5s.SelectMany(m => m).ToArray();
        return "\"" + Convert.ToHexStringLower(MD5.HashData(all)) + "-" + md5s.Count + "\"";
    }

    private static bool SameETag(string a, string b) => ETag.Bare(a).SequenceEqual(ETag.Bare(b));

    private async Task<Dictionary<string, BlobListing>> BlobsOfAsync(string bucket, CancellationToken ct)
    {
        var present = new Dictionary<string, BlobListing>(StringComparer.Ordinal);
        await foreach (var blob in storage.ListBlobsAsync(bucket, ct).ConfigureAwait(false))
        {
            present[blob.BlobId] = blob;
        }

        return present;
    }

    /// <summary>Aborts the upload and deletes its parts' blobs (what a client's Abort does); false when it was gone.</summary>
    private async Task<bool> AbortWithPartsAsync(string bucket, string uploadId, CancellationToken ct)
    {
        if (await store.AbortUploadAsync(uploadId, ct).ConfigureAwait(false) is not { } aborted)
        {
            return false;
        }

        foreach (var part in aborted)
        {
            await reaper.DeleteAsync(storage, bucket, part.BlobId).ConfigureAwait(false);
        }

        return true;
    }
}
