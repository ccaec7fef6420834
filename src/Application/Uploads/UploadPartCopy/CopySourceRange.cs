using System.Globalization;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Uploads.UploadPartCopy;

/// <summary><c>x-amz-copy-source-range: bytes=first-last</c>: inclusive, both bounds required (spec 30, 95 #21).</summary>
internal static class CopySourceRange
{
    private const string Header = "x-amz-copy-source-range";

    /// <summary>Null when the header is absent (copy the whole source).</summary>
    public static ByteRange? Parse(string? header, long sourceSize)
    {
        if (header is null)
        {
            return null;
        }

        var h = header.AsSpan().Trim();
        if (!h.StartsWith("bytes=", StringComparison.Ordinal))
        {
            throw Malformed(header);
        }

        var spec = h[6..];
        var dash = spec.IndexOf('-');
        if (dash <= 0 || dash == spec.Length - 1
            || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last < first)
        {
            throw Malformed(header);
        }

        if (last >= sourceSize)
        {
            throw new S3Exception(S3Errors.InvalidRange, details: [new("RangeRequested", header), new("ActualObjectSize", sourceSize.ToString(CultureInfo.InvariantCulture))]);
        }

        return new ByteRange(first, last);
    }

    private static S3Exception Malformed(string header) => S3Exception.InvalidArgument(
        "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
        Header,
        header);
}
