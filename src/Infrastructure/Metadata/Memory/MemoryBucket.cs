using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>One bucket of <see cref="MemoryMetadataStore"/>; only touched under the store's lock.</summary>
internal sealed class MemoryBucket(Bucket row)
{
    public Bucket Row { get; set; } = row;

    /// <summary>Rows by key in UTF-8 byte order: listings binary-search their lower bound and read on.</summary>
    public SortedList<string, ObjectRecord> Objects { get; } = new(Utf8Order.Instance);

    /// <summary>Open uploads in ListMultipartUploads order.</summary>
    public SortedSet<MultipartUpload> Uploads { get; } = new(UploadOrder.Instance);

    /// <summary>Sum of the sizes of <see cref="Objects"/>.</summary>
    public long Bytes { get; set; }
}
