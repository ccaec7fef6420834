using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Checksums;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class ObjectXmlTests
{
    [Fact]
    public void CopyObjectResult_IsNamespaced_WithETagAndLastModified()
    {
        var xml = Render(new CopyObjectResult("\"abc\"", Samples.When), ObjectXml.CopyObjectResult);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CopyObjectResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", xml, StringComparison.Ordinal);
        var root = Parse(xml).Root!;
        Assert.Equal("\"abc\"", root.Element(Ns + "ETag")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", root.Element(Ns + "LastModified")!.Value);
    }

    [Fact]
    public void CopyPartResult_CarriesPartChecksums()
    {
        var result = new UploadPartCopyResult("\"p\"", Samples.When, [new ChecksumValue(ChecksumAlgorithm.Crc32C, "AAAAAA==")]);

        var root = Parse(Render(result, ObjectXml.CopyPartResult)).Root!;

        Assert.Equal(Ns + "CopyPartResult", root.Name);
        Assert.Equal("\"p\"", root.Element(Ns + "ETag")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", root.Element(Ns + "LastModified")!.Value);
        Assert.Equal("AAAAAA==", root.Element(Ns + "ChecksumCRC32C")!.Value);
    }

    [Fact]
    public void DeleteResult_ListsDeletedThenErrors()
    {
        var result = new DeleteObjectsResult(false, [new("a"), new("b", "null")], [new("c", "KeyTooLongError", "Your key is too long")]);

        var root = Parse(Render(result, ObjectXml.DeleteResult)).Root!;

        Assert.Equal(Ns + "DeleteResult", root.Name);
        var deleted = root.Elements(Ns + "Deleted").ToList();
        Assert.Equal(["a", "b"], deleted.Select(d => d.Element(Ns + "Key")!.Value));
        Assert.Null(deleted[0].Element(Ns + "VersionId"));
        Assert.Equal("null", deleted[1].Element(Ns + "VersionId")!.Value);
        var error = Assert.Single(root.Elements(Ns + "Error"));
        Assert.Equal("c", error.Element(Ns + "Key")!.Value);
        Assert.Equal("KeyTooLongError", error.Element(Ns + "Code")!.Value);
        Assert.Equal("Your key is too long", error.Element(Ns + "Message")!.Value);
    }

    [Fact]
    public void DeleteResult_Quiet_HidesSuccesses()
    {
        var quiet = new DeleteObjectsResult(true, [new("a")], []);

        var xml = Render(quiet, ObjectXml.DeleteResult);

        Assert.EndsWith("<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" />", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ChecksumAlgorithm.Crc32, "ChecksumCRC32")]
    [InlineData(ChecksumAlgorithm.Crc32C, "ChecksumCRC32C")]
    [InlineData(ChecksumAlgorithm.Crc64Nvme, "ChecksumCRC64NVME")]
    [InlineData(ChecksumAlgorithm.Sha1, "ChecksumSHA1")]
    [InlineData(ChecksumAlgorithm.Sha256, "ChecksumSHA256")]
    public void ChecksumElementNames(ChecksumAlgorithm algorithm, string name) => Assert.Equal(name, ObjectXml.ElementName(algorithm));
}
