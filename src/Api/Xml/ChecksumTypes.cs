using BleepStore.Domain.Checksums;

namespace BleepStore.Api.Xml;

/// <summary><c>x-amz-checksum-type</c> / <c>ChecksumType</c> of a stored object checksum (see <see cref="ChecksumValue.IsComposite"/>).</summary>
internal static class ChecksumTypes
{
    public const string Composite = "COMPOSITE";
    public const string FullObject = "FULL_OBJECT";

    public static string Of(ChecksumValue checksum) => checksum.IsComposite ? Composite : FullObject;
}
