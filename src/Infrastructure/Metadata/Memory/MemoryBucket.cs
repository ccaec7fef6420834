using BleepStore.Domain.Buckets;
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

    /// <summary>Sum of the sizes of <see cref="Objects"/>.</summary>
    public long Bytes { get; set; }
}
