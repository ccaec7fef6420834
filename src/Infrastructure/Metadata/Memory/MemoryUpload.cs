using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>One open upload of <see cref="MemoryMetadataStore"/> and its parts; only touched under the store's lock.</summary>
internal sealed class MemoryUpload(MultipartUpload row)
{
    public MultipartUpload Row { get; } = row;

    public SortedList<int, PartRecord> Parts { get; } = [];
}
