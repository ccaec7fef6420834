using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Requests;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class MultipartXmlTests
{
    private static readonly S3RequestContext Ctx = new();
    private static readonly Owner Initiator = new("alice", "Alice");

    [Fact]
    public void InitiateMultipartUploadResult_BucketKeyUploadId()
    {
        var xml = Render(new CreateMultipartUploadResult("bkt", "a b/c", "u-1", null, null), MultipartXml.InitiateMultipartUploadResult);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", xml, StringComparison.Ordinal);
        var root = Parse(xml).Root!;
        Assert.Equal("bkt", root.Element(Ns + "Bucket")!.Value);
        Assert.Equal("a b/c", root.Element(Ns + "Key")!.Value);
        Assert.Equal("u-1", root.Element(Ns + "UploadId")!.Value);
    }

    [Fact]
    public void CompleteMultipartUploadResult_LocationBucketKeyETag_AndChecksumWithType()
    {
        var result = new CompleteMultipartUploadResult("bkt", "k", "\"abc-2\"", new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==-2"), "COMPOSITE");

        var root = Parse(Render((result, "http://host:9000/bkt/k"), MultipartXml.CompleteMultipartUploadResult)).Root!;

        Assert.Equal(Ns + "CompleteMultipartUploadResult", root.Name);
        Assert.Equal("http://host:9000/bkt/k", root.Element(Ns + "Location")!.Value);
        Assert.Equal("bkt", root.Element(Ns + "Bucket")!.Value);
        Assert.Equal("k", root.Element(Ns + "Key")!.Value);
        Assert.Equal("\"abc-2\"", root.Element(Ns + "ETag")!.Value);
        Assert.Equal("AAAAAA==-2", root.Element(Ns + "ChecksumCRC32")!.Value);
        Assert.Equal("COMPOSITE", root.Element(Ns + "ChecksumType")!.Value);
    }

    [Fact]
    public void CompleteMultipartUploadResult_WithoutChecksum_HasNoChecksumElements()
    {
        var root = Parse(Render((new CompleteMultipartUploadResult("bkt", "k", "\"e-1\"", null, null), "http://h/bkt/k"), MultipartXml.CompleteMultipartUploadResult)).Root!;

        Assert.DoesNotContain(root.Elements(), e => e.Name.LocalName.StartsWith("Checksum", StringComparison.Ordinal));
    }

    [Fact]
    public void ListMultipartUploadsResult_EveryElement()
    {
        var query = new ListMultipartUploadsQuery(Ctx, "bkt", "p/", "/", "p/a", "u0", 2);
        var upload = Upload("p/b") with { ChecksumAlgorithm = ChecksumAlgorithm.Crc32C, ChecksumType = "FULL_OBJECT", StorageClass = "STANDARD_IA" };
        var result = new ListMultipartUploadsResult(query, Samples.Bucket(), 2, [upload], ["p/d/"], true, "p/d/", null);

        var root = Parse(Render(result, MultipartXml.ListMultipartUploadsResult)).Root!;

        Assert.Equal(Ns + "ListMultipartUploadsResult", root.Name);
        Assert.Equal("bkt", root.Element(Ns + "Bucket")!.Value);
        Assert.Equal("p/a", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("u0", root.Element(Ns + "UploadIdMarker")!.Value);
        Assert.Equal("p/d/", root.Element(Ns + "NextKeyMarker")!.Value);
        Assert.Null(root.Element(Ns + "NextUploadIdMarker"));
        Assert.Null(root.Element(Ns + "EncodingType"));
        Assert.Equal("2", root.Element(Ns + "MaxUploads")!.Value);
        Assert.Equal("true", root.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal("p/", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("/", root.Element(Ns + "Delimiter")!.Value);
        var u = root.Element(Ns + "Upload")!;
        Assert.Equal("p/b", u.Element(Ns + "Key")!.Value);
        Assert.Equal("up-p/b", u.Element(Ns + "UploadId")!.Value);
        Assert.Equal("alice", u.Element(Ns + "Initiator")!.Element(Ns + "ID")!.Value);
        Assert.Equal("Alice", u.Element(Ns + "Initiator")!.Element(Ns + "DisplayName")!.Value);
        Assert.Equal("bleepstore", u.Element(Ns + "Owner")!.Element(Ns + "ID")!.Value);
        Assert.Equal("STANDARD_IA", u.Element(Ns + "StorageClass")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", u.Element(Ns + "Initiated")!.Value);
        Assert.Equal("CRC32C", u.Element(Ns + "ChecksumAlgorithm")!.Value);
        Assert.Equal("FULL_OBJECT", u.Element(Ns + "ChecksumType")!.Value);
        Assert.Equal("p/d/", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
    }

    [Fact]
    public void ListMultipartUploadsResult_Empty_HasEmptyMarkers_AndNoNextMarkers()
    {
        var result = new ListMultipartUploadsResult(new ListMultipartUploadsQuery(Ctx, "bkt"), Samples.Bucket(), 1000, [], [], false, null, null);

        var root = Parse(Render(result, MultipartXml.ListMultipartUploadsResult)).Root!;

        Assert.Equal("", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("", root.Element(Ns + "UploadIdMarker")!.Value);
        Assert.Null(root.Element(Ns + "NextKeyMarker"));
        Assert.Null(root.Element(Ns + "Delimiter"));
        Assert.Null(root.Element(Ns + "Upload"));
        Assert.Equal("false", root.Element(Ns + "IsTruncated")!.Value);
    }

    [Fact]
    public void ListMultipartUploadsResult_EncodingTypeUrl_EncodesKeysPrefixesAndMarkers()
    {
        var query = new ListMultipartUploadsQuery(Ctx, "bkt", "a b/", "/", "a b/k+1", EncodingType: "url");
        var result = new ListMultipartUploadsResult(query, Samples.Bucket(), 1, [Upload("a b/ü")], ["a b/c d/"], true, "a b/ü", "up-a b/ü");

        var root = Parse(Render(result, MultipartXml.ListMultipartUploadsResult)).Root!;

        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        Assert.Equal("a%20b/", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("/", root.Element(Ns + "Delimiter")!.Value);
        Assert.Equal("a%20b/k%2B1", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("a%20b/%C3%BC", root.Element(Ns + "NextKeyMarker")!.Value);
        Assert.Equal("a%20b/%C3%BC", root.Element(Ns + "Upload")!.Element(Ns + "Key")!.Value);
        Assert.Equal("a%20b/c%20d/", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
    }

    [Fact]
    public void ListMultipartUploadsResult_ControlCharacterKey_SwitchesToUrlEncoding()
    {
        var result = new ListMultipartUploadsResult(new ListMultipartUploadsQuery(Ctx, "bkt"), Samples.Bucket(), 1000, [Upload("a\u0001b")], [], false, null, null);

        var root = Parse(Render(result, MultipartXml.ListMultipartUploadsResult)).Root!;

        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        Assert.Equal("a%01b", root.Element(Ns + "Upload")!.Element(Ns + "Key")!.Value);
    }

    [Fact]
    public void ListPartsResult_EveryElement_WithPartChecksums()
    {
        var upload = Upload("k") with { ChecksumAlgorithm = ChecksumAlgorithm.Sha256, ChecksumType = "COMPOSITE" };
        var part = new PartRecord
        {
            UploadId = "up-k",
            PartNumber = 3,
            Size = 5_242_880,
            ETag = "\"e3\"",
            LastModified = Samples.When,
            BlobId = "b3",
            Checksums = [new ChecksumValue(ChecksumAlgorithm.Sha256, "c2hh")],
        };
        var result = new ListPartsResult(upload, [part], 1, 2, true, 3);

        var root = Parse(Render(result, MultipartXml.ListPartsResult)).Root!;

        Assert.Equal(Ns + "ListPartsResult", root.Name);
        Assert.Equal("bkt", root.Element(Ns + "Bucket")!.Value);
        Assert.Equal("k", root.Element(Ns + "Key")!.Value);
        Assert.Equal("up-k", root.Element(Ns + "UploadId")!.Value);
        Assert.Equal("alice", root.Element(Ns + "Initiator")!.Element(Ns + "ID")!.Value);
        Assert.Equal("bleepstore", root.Element(Ns + "Owner")!.Element(Ns + "ID")!.Value);
        Assert.Equal("STANDARD", root.Element(Ns + "StorageClass")!.Value);
        Assert.Equal("2", root.Element(Ns + "PartNumberMarker")!.Value);
        Assert.Equal("3", root.Element(Ns + "NextPartNumberMarker")!.Value);
        Assert.Equal("1", root.Element(Ns + "MaxParts")!.Value);
        Assert.Equal("true", root.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal("SHA256", root.Element(Ns + "ChecksumAlgorithm")!.Value);
        Assert.Equal("COMPOSITE", root.Element(Ns + "ChecksumType")!.Value);
        var p = root.Element(Ns + "Part")!;
        Assert.Equal("3", p.Element(Ns + "PartNumber")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", p.Element(Ns + "LastModified")!.Value);
        Assert.Equal("\"e3\"", p.Element(Ns + "ETag")!.Value);
        Assert.Equal("5242880", p.Element(Ns + "Size")!.Value);
        Assert.Equal("c2hh", p.Element(Ns + "ChecksumSHA256")!.Value);
    }

    [Fact]
    public void ListPartsResult_NotTruncated_HasNoNextMarker_AndNoChecksumAlgorithm()
    {
        var root = Parse(Render(new ListPartsResult(Upload("k"), [], 1000, 0, false, null), MultipartXml.ListPartsResult)).Root!;

        Assert.Null(root.Element(Ns + "NextPartNumberMarker"));
        Assert.Null(root.Element(Ns + "ChecksumAlgorithm"));
        Assert.Null(root.Element(Ns + "Part"));
        Assert.Equal("0", root.Element(Ns + "PartNumberMarker")!.Value);
    }

    private static MultipartUpload Upload(string key) => new()
    {
        UploadId = "up-" + key,
        Bucket = "bkt",
        Key = key,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(Samples.Owner),
        Initiator = Initiator,
        Initiated = Samples.When,
    };
}
