using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>ListMultipartUploads order: key (UTF-8 bytes), then initiation time, then upload id (ordinal).</summary>
internal sealed class UploadOrder : IComparer<MultipartUpload>
{
    public static readonly UploadOrder Instance = new();

    public int Compare(MultipartUpload? x, MultipartUpload? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var c = Utf8Order.Instance.Compare(x.Key, y.Key);
        if (c == 0)
        {
            c = x.Initiated.CompareTo(y.Initiated);
        }

        return c != 0 ? c : string.CompareOrdinal(x.UploadId, y.UploadId);
    }
}
