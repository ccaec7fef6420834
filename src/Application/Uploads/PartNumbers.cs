using System.Globalization;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Uploads;

internal static class PartNumbers
{
    /// <summary>The first check of UploadPart and UploadPartCopy; the Api binds a missing or non-integer value as 0.</summary>
    public static void EnsureValid(int partNumber)
    {
        if (partNumber is < MultipartLimits.MinPartNumber or > MultipartLimits.MaxPartNumber)
        {
            throw S3Exception.InvalidArgument(
                "Part number must be an integer between 1 and 10000, inclusive",
                "partNumber",
                partNumber.ToString(CultureInfo.InvariantCulture));
        }
    }
}
