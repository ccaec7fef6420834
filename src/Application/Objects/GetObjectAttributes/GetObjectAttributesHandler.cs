using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <summary>
/// GetObjectAttributes: the object's metadata without its bytes, for a caller who may read it, from its row alone.
/// ObjectParts follows S3 (see <see cref="ObjectPartsPage"/>): only a COMPOSITE multipart object lists its parts,
/// whose checksums Complete kept on the row; an object from a single PUT has no ObjectParts (decision 12).
/// </summary>
internal sealed class GetObjectAttributesHandler(IMetadataStore store) : IRequestHandler<GetObjectAttributesQuery, GetObjectAttributesResult>
{
    private const int MaxPageSize = 1000;

    public async Task<GetObjectAttributesResult> Handle(GetObjectAttributesQuery request, CancellationToken cancellationToken)
    {
        var (obj, bucket) = await store.RequireReadableVersionAsync(request.Bucket, request.Key, request.VersionId, request.Context.Caller, "GET", cancellationToken).ConfigureAwait(false);
        var asked = request.Attributes!.Split(',').Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal);
        return new GetObjectAttributesResult(
            obj,
            asked.Contains("ETag"),
            asked.Contains("Checksum"),
            asked.Contains("StorageClass"),
            asked.Contains("ObjectSize"),
            [.. obj.Checksums.Select(c => c.WithoutPartCount())],
            asked.Contains("ObjectParts") && obj.PartsCount > 0 ? PageOf(obj, request) : null)
        {
            Versioned = bucket.Versioning is not null,
        };
    }

    private static ObjectPartsPage PageOf(ObjectRecord obj, GetObjectAttributesQuery request)
    {
        if (!obj.Checksums.Any(c => c.IsComposite))
        {
            return new ObjectPartsPage(obj.PartsCount, Listed: false);
        }

        var max = Math.Min(request.MaxParts ?? MaxPageSize, MaxPageSize);
        var marker = request.PartNumberMarker ?? 0;
        var parts = new List<ObjectPartEntry>();
        var truncated = false;
        for (var n = marker + 1; n <= obj.PartSizes.Count; n++)
        {
            if (parts.Count == max)
            {
                truncated = true;
                break;
            }

            parts.Add(new ObjectPartEntry(n, obj.PartSizes[n - 1], n <= obj.PartChecksums.Count ? obj.PartChecksums[n - 1] : null));
        }

        return new ObjectPartsPage(obj.PartsCount, Listed: true, marker, parts.Count > 0 ? parts[^1].PartNumber : 0, max, truncated, parts);
    }
}
