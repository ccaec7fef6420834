using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>One bucket of <see cref="MemoryMetadataStore"/>; only touched under the store's lock.</summary>
internal sealed class MemoryBucket(Bucket row)
{
    public Bucket Row { get; set; } = row;

    /// <summary>Rows by key in UTF-8 byte order: listings seek their lower bound and read on.</summary>
    public OrderedRows Objects { get; } = new();

    /// <summary>Open uploads in ListMultipartUploads order.</summary>
    public SortedSet<MultipartUpload> Uploads { get; } = new(UploadOrder.Instance);

    /// <summary>Noncurrent versions and delete markers per key, newest first (decision 0014); no entry for a key without any.</summary>
    public Dictionary<string, List<ObjectRecord>> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>One placeholder row per key of <see cref="Versions"/>, so listings seek keys in order.</summary>
    public OrderedRows VersionKeys { get; } = new();

    /// <summary>Sum of the sizes of <see cref="Objects"/>.</summary>
    public long Bytes { get; set; }
}
