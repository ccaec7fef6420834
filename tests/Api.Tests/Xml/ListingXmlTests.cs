using System.Xml.Linq;
using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Requests;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class ListingXmlTests
{
    private static readonly S3RequestContext Ctx = new();

    [Fact]
    public void ListObjectsV2_FullPage_HasEveryElement()
    {
        var query = new ListObjectsV2Query(Ctx, "bkt", "p/", "/", 2, "tok", "p/a", FetchOwner: true);
        var page = new ListingPage([Samples.Object("p/a1")], ["p/d/"], IsTruncated: true, Last: "p/d/");
        var xml = Render(new ListObjectsV2Result(query, Samples.Bucket(), 2, page, "next"), ListingXml.ListObjectsV2);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", xml, StringComparison.Ordinal);
        var root = Parse(xml).Root!;
        Assert.Equal("bkt", root.Element(Ns + "Name")!.Value);
        Assert.Equal("p/", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("/", root.Element(Ns + "Delimiter")!.Value);
        Assert.Equal("2", root.Element(Ns + "MaxKeys")!.Value);
        Assert.Equal("p/a", root.Element(Ns + "StartAfter")!.Value);
        Assert.Equal("tok", root.Element(Ns + "ContinuationToken")!.Value);
        Assert.Equal("2", root.Element(Ns + "KeyCount")!.Value);
        Assert.Equal("true", root.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal("next", root.Element(Ns + "NextContinuationToken")!.Value);
        Assert.Null(root.Element(Ns + "EncodingType"));
        var contents = root.Element(Ns + "Contents")!;
        Assert.Equal("p/a1", contents.Element(Ns + "Key")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", contents.Element(Ns + "LastModified")!.Value);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", contents.Element(Ns + "ETag")!.Value);
        Assert.Equal("5", contents.Element(Ns + "Size")!.Value);
        Assert.Equal("STANDARD", contents.Element(Ns + "StorageClass")!.Value);
        Assert.Equal("bleepstore", contents.Element(Ns + "Owner")!.Element(Ns + "ID")!.Value);
        Assert.Equal("p/d/", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
    }

    [Fact]
    public void ListObjectsV2_Empty_HasKeyCountZero_NoContents_NoOwnerWithoutFetchOwner()
    {
        var query = new ListObjectsV2Query(Ctx, "bkt");
        var xml = Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, new ListingPage([], [], false, null), null), ListingXml.ListObjectsV2);

        var root = Parse(xml).Root!;
        Assert.Equal("0", root.Element(Ns + "KeyCount")!.Value);
        Assert.Equal("false", root.Element(Ns + "IsTruncated")!.Value);
        Assert.Equal("", root.Element(Ns + "Prefix")!.Value);
        Assert.Null(root.Element(Ns + "Contents"));
        Assert.Null(root.Element(Ns + "NextContinuationToken"));
        Assert.Null(root.Element(Ns + "Delimiter"));
        Assert.Null(root.Element(Ns + "StartAfter"));

        var withObject = Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, new ListingPage([Samples.Object("k")], [], false, "k"), null), ListingXml.ListObjectsV2);
        Assert.Null(Parse(withObject).Root!.Element(Ns + "Contents")!.Element(Ns + "Owner"));
    }

    [Fact]
    public void ListObjectsV2_EncodingTypeUrl_EncodesKeysPrefixesDelimiterStartAfter()
    {
        var query = new ListObjectsV2Query(Ctx, "bkt", "a b/", "/", null, null, "a b/0", EncodingType: "url");
        var page = new ListingPage([Samples.Object("a b/é+1")], ["a b/c d/"], false, null);
        var root = Parse(Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, page, null), ListingXml.ListObjectsV2)).Root!;

        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        Assert.Equal("a%20b/", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("/", root.Element(Ns + "Delimiter")!.Value);
        Assert.Equal("a%20b/0", root.Element(Ns + "StartAfter")!.Value);
        Assert.Equal("a%20b/%C3%A9%2B1", root.Element(Ns + "Contents")!.Element(Ns + "Key")!.Value);
        Assert.Equal("a%20b/c%20d/", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
    }

    [Fact]
    public void ListObjectsV2_KeyWithXmlInvalidCharacter_SwitchesToUrlEncoding_AndStaysWellFormed()
    {
        var query = new ListObjectsV2Query(Ctx, "bkt");
        var page = new ListingPage([Samples.Object("bad\u0001key"), Samples.Object("ok")], [], false, null);
        var xml = Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, page, null), ListingXml.ListObjectsV2);

        var root = Parse(xml).Root!;
        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        Assert.Equal(["bad%01key", "ok"], root.Elements(Ns + "Contents").Select(c => c.Element(Ns + "Key")!.Value));
    }

    [Theory]
    [InlineData("a&b<c>d\"e'f")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("carriage\rreturn")]
    [InlineData("😀 é ü")]
    [InlineData("\uE000\uFFFD")]
    public void ListObjectsV2_XmlLegalSpecialCharacters_RoundTripWithoutEncoding(string key)
    {
        var query = new ListObjectsV2Query(Ctx, "bkt");
        var page = new ListingPage([Samples.Object(key)], [], false, null);
        var root = Parse(Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, page, null), ListingXml.ListObjectsV2)).Root!;

        Assert.Null(root.Element(Ns + "EncodingType"));
        Assert.Equal(key, root.Element(Ns + "Contents")!.Element(Ns + "Key")!.Value);
    }

    [Theory]
    [InlineData(0x0000)]
    [InlineData(0x001F)]
    [InlineData(0xFFFE)]
    [InlineData(0xFFFF)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void ListObjectsV2_AnyXmlIllegalCharacter_ProducesWellFormedXml(int code)
    {
        var bad = ((char)code).ToString();
        var query = new ListObjectsV2Query(Ctx, "bkt", Prefix: "p" + bad);
        var page = new ListingPage([Samples.Object("p" + bad + "k")], ["p" + bad + "/"], false, null);

        var root = Parse(Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, page, null), ListingXml.ListObjectsV2)).Root!;

        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
    }

    [Fact]
    public void ListObjects_V1_HasMarkerAlways_OwnerAlways_NoKeyCount()
    {
        var query = new ListObjectsQuery(Ctx, "bkt");
        var page = new ListingPage([Samples.Object("a")], [], true, "a");
        var root = Parse(Render(new ListObjectsResult(query, Samples.Bucket(), 1, page, "a"), ListingXml.ListObjects)).Root!;

        Assert.Equal(Ns + "ListBucketResult", root.Name);
        Assert.Equal("", root.Element(Ns + "Marker")!.Value);
        Assert.Equal("a", root.Element(Ns + "NextMarker")!.Value);
        Assert.Equal("true", root.Element(Ns + "IsTruncated")!.Value);
        Assert.Null(root.Element(Ns + "KeyCount"));
        Assert.NotNull(root.Element(Ns + "Contents")!.Element(Ns + "Owner"));
    }

    [Fact]
    public void ListObjects_V1_EncodingTypeUrl_EncodesMarkerAndNextMarker()
    {
        var query = new ListObjectsQuery(Ctx, "bkt", Marker: "m n", EncodingType: "url");
        var page = new ListingPage([Samples.Object("x y")], [], true, "x y");
        var root = Parse(Render(new ListObjectsResult(query, Samples.Bucket(), 1, page, "x y"), ListingXml.ListObjects)).Root!;

        Assert.Equal("m%20n", root.Element(Ns + "Marker")!.Value);
        Assert.Equal("x%20y", root.Element(Ns + "NextMarker")!.Value);
        Assert.Equal("x%20y", root.Element(Ns + "Contents")!.Element(Ns + "Key")!.Value);
    }

    [Fact]
    public void Contents_NonStandardStorageClass_IsShown()
    {
        var query = new ListObjectsV2Query(Ctx, "bkt");
        var page = new ListingPage([Samples.Object("a", storageClass: "REDUCED_REDUNDANCY")], [], false, null);
        var root = Parse(Render(new ListObjectsV2Result(query, Samples.Bucket(), 1000, page, null), ListingXml.ListObjectsV2)).Root!;

        Assert.Equal("REDUCED_REDUNDANCY", root.Descendants(Ns + "StorageClass").Single().Value);
    }
}
