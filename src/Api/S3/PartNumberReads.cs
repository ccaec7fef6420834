using System.Globalization;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.S3;

/// <summary>
/// GetObject/HeadObject <c>?partNumber=N</c> (validated and resolved in the Application):
/// <c>x-amz-mp-parts-count</c> is sent, as S3 does, only with partNumber and only for multipart objects.
/// </summary>
internal static class PartNumberReads
{
    public static void WritePartsCount(IHeaderDictionary headers, int? partNumber, ObjectRecord obj)
    {
        if (partNumber is not null && obj.PartsCount > 0)
        {
            headers["x-amz-mp-parts-count"] = obj.PartsCount.ToString(CultureInfo.InvariantCulture);
        }
    }
}
