using System.Globalization;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>
/// GET/HEAD <c>?partNumber=N</c>: the byte range part N covers. A single-PUT object is one part;
/// a part number past the last is 416 InvalidPartNumber, as S3 answers.
/// </summary>
/// <remarks>
/// Issue 9 asked for 400 here; the evidence says 416 (Range Not Satisfiable), so 416 stays:
/// AWS's S3 error-code table lists InvalidPartNumber ("The requested partnumber is not satisfiable") with
/// 416; MinIO's <c>cmd/api-errors.go</c> maps ErrInvalidPartNumber to <c>http.StatusRequestedRangeNotSatisfiable</c>
/// with the same message; other S3 servers in the public corpus (s3s-based Rust servers, Go and Node
/// emulators) answer 416 InvalidPartNumber alike. A partNumber outside 1–10000 (no object needed) is the
/// 400 InvalidArgument of the validator. Recorded in docs/decisions/0012-exact-answers.md.
/// </remarks>
internal static class PartRanges
{
    public static ByteRange Resolve(ObjectRecord obj, int partNumber)
    {
        if (obj.PartSizes.Count > 0)
        {
            if (partNumber > obj.PartSizes.Count)
            {
                throw Invalid(partNumber, obj.PartSizes.Count);
            }

            long start = 0;
            for (var i = 0; i < partNumber - 1; i++)
            {
                start += obj.PartSizes[i];
            }

            var size = obj.PartSizes[partNumber - 1];
            return size == 0 ? throw Invalid(partNumber, obj.PartSizes.Count) : new ByteRange(start, start + size - 1);
        }

        if (partNumber != 1 || obj.Size == 0)
        {
            throw Invalid(partNumber, 1);
        }

        return new ByteRange(0, obj.Size - 1);
    }

    private static S3Exception Invalid(int requested, int count) => new(S3Errors.InvalidPartNumber, details:
    [
        new("PartNumberRequested", requested.ToString(CultureInfo.InvariantCulture)),
        new("ActualPartCount", count.ToString(CultureInfo.InvariantCulture)),
    ]);
}
