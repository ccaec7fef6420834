using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <summary>
/// GetObjectAttributes: the object's metadata without its bytes, for a caller who may read it. ObjectParts
/// pages the part sizes a multipart object keeps (PartNumber and Size: parts keep no checksums once completed,
/// so Part elements carry none; decision 12); an object from a single PUT has no ObjectParts, as in S3.
/// </summary>
internal sealed class GetObjectAttributesHandler(IMetadataStore store) : IRequestHandler<GetObjectAttributesQuery, GetObjectAttributesResult>
{
    private const int MaxPageSize = 1000;

    public async Task<GetObjectAttributesResult> Handle(GetObjectAttributesQuery request, CancellationToken cancellationToken)
    {
        var (obj, bucket) = await store.RequireReadableVersionAsync(request.Bucket, request.Key, request.VersionId, request.Context.Caller, "GET", cancellationToken).ConfigureAwait(false);
        var asked = request.Attributes!.Split(',').Select(a => a.Trim()).ToHashSet(StringComparer.Ordinal);
        var max = Math.Min(request.MaxParts ?? MaxPageSize, MaxPageSize);
        var marker = request.PartNumberMarker ?? 0;
        var parts = new List<(int, long)>();
        var truncated = false;
        if (asked.Contains("ObjectParts"))
        {
            for (var n = marker + 1; n <= obj.PartSizes.Count; n++)
            {
                if (parts.Count == max)
                {
                    truncated = true;
                    break;
                }

                parts.Add((n, obj.PartSizes[n - 1]));
            }
        }

        return new GetObjectAttributesResult(
            obj,
            asked.Contains("ETag"),
            asked.Contains("Checksum"),
            asked.Contains("ObjectParts") && obj.PartSizes.Count > 0,
            asked.Contains("StorageClass"),
            asked.Contains("ObjectSize"),
            parts,
            max,
            marker,
            truncated,
            truncated ? parts[^1].Item1 : null)
        {
            Versioned = bucket.Versioning is not null,
        };
    }
}
