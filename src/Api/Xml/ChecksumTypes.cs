using BleepStore.Domain.Checksums;

namespace BleepStore.Api.Xml;

/// <summary>
/// <c>x-amz-checksum-type</c> / <c>ChecksumType</c> of a stored object checksum: a COMPOSITE multipart
/// checksum is stored as base64 with <c>-N</c> (base64 never holds a <c>-</c>); anything else covers the whole object.
/// </summary>
internal static class ChecksumTypes
{
    public const string Composite = "COMPOSITE";
    public const string FullObject = "FULL_OBJECT";

    public static string Of(ChecksumValue checksum) => checksum.Base64.Contains('-', StringComparison.Ordinal) ? Composite : FullObject;
}
