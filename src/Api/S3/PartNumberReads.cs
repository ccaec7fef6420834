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

    /// <summary>
    /// With <c>x-amz-checksum-mode: ENABLED</c>, a part read of a multipart object whose checksum is COMPOSITE answers
    /// the part's own checksum (the whole object's is left off: it does not describe these bytes), as S3 does; a
    /// FULL_OBJECT checksum describes no part, so such a part read carries none.
    /// </summary>
    public static void WritePartChecksum(HttpContext context, int? partNumber, ObjectRecord obj)
    {
        if (partNumber is { } n && n >= 1 && n <= obj.PartChecksums.Count && obj.Checksums.Count > 0 && obj.Checksums[0].IsComposite
            && string.Equals(context.Request.Headers["x-amz-checksum-mode"], "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            Http.ObjectResponse.WriteChecksums(context.Response.Headers, [obj.PartChecksums[n - 1]]);
            context.Response.Headers["x-amz-checksum-type"] = Xml.ChecksumTypes.Composite;
        }
    }
}
