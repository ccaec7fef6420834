using System.Globalization;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Api.S3;

/// <summary>
/// GetObject/HeadObject <c>?partNumber=N</c>. When the handler resolves the part (answers with a range),
/// that range is served with <c>x-amz-mp-parts-count</c>. The handlers do not yet (part boundaries are
/// not kept once an upload completes; ObjectRecord has only PartsCount), so until then the answer is
/// the subset that stays truthful: N = 1 is the whole object as a 206 covering all of it (what S3 does
/// for a single-PUT object), N beyond the part count is 416 InvalidPartNumber, and N = 2… of a
/// multipart object is 501 rather than the wrong bytes. In that fallback <c>x-amz-mp-parts-count</c>
/// is sent only when it is true of the bytes sent (a one-part multipart object): a parallel downloader
/// that saw a count of N would next ask for parts that cannot be cut.
/// </summary>
internal static class PartNumberReads
{
    public static readonly S3ErrorCode InvalidPartNumber = new("InvalidPartNumber", 416, "The requested partnumber is not satisfiable");

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

    /// <summary>The range to answer with: the handler's, or for an unresolved partNumber the fallback (or its error).</summary>
    public static ByteRange? Answer(int? partNumber, ObjectRecord obj, ByteRange? handlerRange, bool notModified) =>
        partNumber is { } n && handlerRange is null && !notModified ? Resolve(n, obj) : handlerRange;

    /// <summary>The fallback: the range part <paramref name="partNumber"/> covers (null for an empty object), or the error.</summary>
    public static ByteRange? Resolve(int partNumber, ObjectRecord obj)
    {
        if (partNumber == 1)
        {
            return obj.Size == 0 ? null : new ByteRange(0, obj.Size - 1);
        }

        if (obj.PartsCount >= partNumber)
        {
            throw new S3Exception(S3Errors.NotImplemented, "Reading one part of a multipart object other than the first is not implemented.");
        }

        throw new S3Exception(InvalidPartNumber, details:
        [
            new("PartNumberRequested", partNumber.ToString(CultureInfo.InvariantCulture)),
            new("ActualPartCount", Math.Max(1, obj.PartsCount).ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    /// <summary>As S3: only with partNumber and only for multipart objects (and, in the fallback, only a one-part one).</summary>
    public static void WritePartsCount(IHeaderDictionary headers, int? partNumber, ObjectRecord obj, ByteRange? handlerRange)
    {
        if (partNumber is not null && obj.PartsCount > 0 && (handlerRange is not null || obj.PartsCount == 1))
        {
            headers["x-amz-mp-parts-count"] = obj.PartsCount.ToString(CultureInfo.InvariantCulture);
        }
    }
}
