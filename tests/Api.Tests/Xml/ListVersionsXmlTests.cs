using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Requests;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class ListVersionsXmlTests
{
    private static readonly S3RequestContext Ctx = new();

    [Fact]
    public void ListVersions_EveryObjectIsItsNullLatestVersion()
    {
        var query = new ListObjectVersionsQuery(Ctx, "bkt", "p/", "/", 2, "p/0", "null");
        var page = new ListingPage([Samples.Object("p/a", storageClass: "GLACIER")], ["p/d/"], IsTruncated: true, Last: "p/d/");
        var xml = Render(new ListObjectVersionsResult(query, Samples.Bucket(), 2, page, "p/d/", null), ListingXml.ListVersions);

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListVersionsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">", xml, StringComparison.Ordinal);
        var root = Parse(xml).Root!;
        Assert.Equal("bkt", root.Element(Ns + "Name")!.Value);
        Assert.Equal("p/", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("p/0", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("null", root.Element(Ns + "VersionIdMarker")!.Value);
        Assert.Equal("p/d/", root.Element(Ns + "NextKeyMarker")!.Value);
        Assert.Null(root.Element(Ns + "NextVersionIdMarker"));
        Assert.Equal("2", root.Element(Ns + "MaxKeys")!.Value);
        Assert.Equal("/", root.Element(Ns + "Delimiter")!.Value);
        Assert.Null(root.Element(Ns + "EncodingType"));
        Assert.Equal("true", root.Element(Ns + "IsTruncated")!.Value);
        var v = root.Element(Ns + "Version")!;
        Assert.Equal("p/a", v.Element(Ns + "Key")!.Value);
        Assert.Equal("null", v.Element(Ns + "VersionId")!.Value);
        Assert.Equal("true", v.Element(Ns + "IsLatest")!.Value);
        Assert.Equal("2026-02-22T12:00:00.500Z", v.Element(Ns + "LastModified")!.Value);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", v.Element(Ns + "ETag")!.Value);
        Assert.Equal("5", v.Element(Ns + "Size")!.Value);
        Assert.Equal("GLACIER", v.Element(Ns + "StorageClass")!.Value);
        Assert.Equal("bleepstore", v.Element(Ns + "Owner")!.Element(Ns + "ID")!.Value);
        Assert.Equal("p/d/", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
        Assert.Null(root.Element(Ns + "DeleteMarker"));
    }

    [Fact]
    public void ListVersions_Empty_HasEmptyMarkers()
    {
        var xml = Render(new ListObjectVersionsResult(new ListObjectVersionsQuery(Ctx, "bkt"), Samples.Bucket(), 1000, new ListingPage([], [], false, null), null, null), ListingXml.ListVersions);

        var root = Parse(xml).Root!;
        Assert.Equal("", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("", root.Element(Ns + "VersionIdMarker")!.Value);
        Assert.Null(root.Element(Ns + "NextKeyMarker"));
        Assert.Null(root.Element(Ns + "Version"));
        Assert.Equal("false", root.Element(Ns + "IsTruncated")!.Value);
    }

    [Fact]
    public void ListVersions_EncodingTypeUrl_EncodesKeysPrefixesAndKeyMarkers()
    {
        var query = new ListObjectVersionsQuery(Ctx, "bkt", "a b", " ", KeyMarker: "a b+", EncodingType: "url");
        var page = new ListingPage([Samples.Object("a bé")], ["a b c "], true, "a bé");
        var xml = Render(new ListObjectVersionsResult(query, Samples.Bucket(), 2, page, "a bé", "null"), ListingXml.ListVersions);

        var root = Parse(xml).Root!;
        Assert.Equal("url", root.Element(Ns + "EncodingType")!.Value);
        Assert.Equal("a%20b", root.Element(Ns + "Prefix")!.Value);
        Assert.Equal("%20", root.Element(Ns + "Delimiter")!.Value);
        Assert.Equal("a%20b%2B", root.Element(Ns + "KeyMarker")!.Value);
        Assert.Equal("a%20b%C3%A9", root.Element(Ns + "NextKeyMarker")!.Value);
        Assert.Equal("null", root.Element(Ns + "NextVersionIdMarker")!.Value);
        Assert.Equal("a%20b%C3%A9", root.Element(Ns + "Version")!.Element(Ns + "Key")!.Value);
        Assert.Equal("a%20b%20c%20", root.Element(Ns + "CommonPrefixes")!.Element(Ns + "Prefix")!.Value);
    }
}
