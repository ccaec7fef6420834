using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects.GetObjectAttributes;
using BleepStore.Domain.Checksums;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class AttributesXmlTests
{
    private static readonly ChecksumValue Composite = new(ChecksumAlgorithm.Crc32, "5FRUiw==-2");

    [Fact]
    public void CompositeMultipart_ChecksumWithoutPartCount_PartsPagedWithTheirChecksums()
    {
        var obj = Samples.Object("k") with { Checksums = [Composite], PartsCount = 2 };
        var page = new ObjectPartsPage(2, true, 0, 1, 1, true, [new ObjectPartEntry(1, 5, new ChecksumValue(ChecksumAlgorithm.Crc32, "NRU+Sw=="))]);
        var result = new GetObjectAttributesResult(obj, ETag: true, Checksum: true, StorageClass: false, ObjectSize: false, [Composite.WithoutPartCount()], page);

        var root = Parse(Render(result, AttributesXml.GetObjectAttributesResponse)).Root!;

        Assert.Equal(Ns + "GetObjectAttributesResponse", root.Name);
        var checksum = root.Element(Ns + "Checksum")!;
        Assert.Equal(("5FRUiw==", "COMPOSITE"), (checksum.Element(Ns + "ChecksumCRC32")!.Value, checksum.Element(Ns + "ChecksumType")!.Value));
        var parts = root.Element(Ns + "ObjectParts")!;
        Assert.Equal(
            ["PartsCount", "PartNumberMarker", "NextPartNumberMarker", "MaxParts", "IsTruncated", "Part"],
            parts.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("2", "0", "1", "1", "true"), (parts.Element(Ns + "PartsCount")!.Value, parts.Element(Ns + "PartNumberMarker")!.Value,
            parts.Element(Ns + "NextPartNumberMarker")!.Value, parts.Element(Ns + "MaxParts")!.Value, parts.Element(Ns + "IsTruncated")!.Value));
        var part = parts.Element(Ns + "Part")!;
        Assert.Equal(["ChecksumCRC32", "PartNumber", "Size"], part.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("NRU+Sw==", "1", "5"), (part.Element(Ns + "ChecksumCRC32")!.Value, part.Element(Ns + "PartNumber")!.Value, part.Element(Ns + "Size")!.Value));
    }

    [Fact]
    public void UnlistedMultipart_OnlyPartsCount_FullObjectChecksum()
    {
        var full = new ChecksumValue(ChecksumAlgorithm.Crc64Nvme, "Rnr2/5P7Gsk=");
        var obj = Samples.Object("k") with { Checksums = [full], PartsCount = 3 };
        var result = new GetObjectAttributesResult(obj, false, true, false, false, [full], new ObjectPartsPage(3, Listed: false));

        var root = Parse(Render(result, AttributesXml.GetObjectAttributesResponse)).Root!;

        Assert.Equal(["Checksum", "ObjectParts"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("FULL_OBJECT", root.Element(Ns + "Checksum")!.Element(Ns + "ChecksumType")!.Value);
        Assert.Equal(["PartsCount"], root.Element(Ns + "ObjectParts")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("3", root.Element(Ns + "ObjectParts")!.Element(Ns + "PartsCount")!.Value);
    }
}
