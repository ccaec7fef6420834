using System.Globalization;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.S3;

/// <summary>
/// GetObject/HeadObject <c>?partNumber=N</c>: validated here, resolved by the handlers (which know the
/// part sizes); <c>x-amz-mp-parts-count</c> is sent, as S3 does, only with partNumber and only for
/// multipart objects.
/// </summary>
internal static class PartNumberReads
{
    /// <summary>The partNumber, validated as S3 does: with a Range → 400 InvalidRequest; outside 1–10000 → 400 InvalidArgument.</summary>
    public static int? Bind(QueryParameters query, string? range)
    {
        if (RequestBinder.Int(query, "partNumber") is not { } n)
        {
            return null;
        }

        if (range is not null)
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Cannot specify both Range header and partNumber query parameter");
        }

        if (n is < 1 or > 10000)
        {
            throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", n.ToString(CultureInfo.InvariantCulture));
        }

        return n;
    }

    public static void WritePartsCount(IHeaderDictionary headers, int? partNumber, ObjectRecord obj)
    {
        if (partNumber is not null && obj.PartsCount > 0)
        {
            headers["x-amz-mp-parts-count"] = obj.PartsCount.ToString(CultureInfo.InvariantCulture);
        }
    }
}
