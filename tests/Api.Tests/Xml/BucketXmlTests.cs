using System.Xml.Linq;
using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Domain.Access;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class BucketXmlTests
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [Fact]
    public void ListAllMyBuckets_HasOwnerAndBuckets()
    {
        var xml = Render(new ListBucketsResult(Samples.Owner, [Samples.Bucket("a"), Samples.Bucket("b")]), BucketXml.ListAllMyBuckets);

        var root = Parse(xml).Root!;
        Assert.Equal(Ns + "ListAllMyBucketsResult", root.Name);
        Assert.Equal("bleepstore", root.Element(Ns + "Owner")!.Element(Ns + "DisplayName")!.Value);
        var buckets = root.Element(Ns + "Buckets")!.Elements(Ns + "Bucket").ToList();
        Assert.Equal(["a", "b"], buckets.Select(b => b.Element(Ns + "Name")!.Value));
        Assert.Equal("2026-02-22T12:00:00.500Z", buckets[0].Element(Ns + "CreationDate")!.Value);
    }

    [Fact]
    public void ListAllMyBuckets_Paged_RegionsThenTokenAndPrefixAfterBuckets()
    {
        var root = Parse(Render(new ListBucketsResult(Samples.Owner, [Samples.Bucket("a")], "tok", "a", WithRegions: true), BucketXml.ListAllMyBuckets)).Root!;

        Assert.Equal(["Owner", "Buckets", "ContinuationToken", "Prefix"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(("tok", "a"), (root.Element(Ns + "ContinuationToken")!.Value, root.Element(Ns + "Prefix")!.Value));
        var bucket = root.Element(Ns + "Buckets")!.Element(Ns + "Bucket")!;
        Assert.Equal(Samples.Bucket("a").Region, bucket.Element(Ns + "BucketRegion")!.Value);
    }

    [Fact]
    public void ListAllMyBuckets_Plain_NoRegionTokenOrPrefix()
    {
        var root = Parse(Render(new ListBucketsResult(Samples.Owner, [Samples.Bucket("a")]), BucketXml.ListAllMyBuckets)).Root!;

        Assert.Empty(root.Descendants(Ns + "BucketRegion"));
        Assert.Null(root.Element(Ns + "ContinuationToken"));
        Assert.Null(root.Element(Ns + "Prefix"));
    }

    [Fact]
    public void ListAllMyBuckets_NoBuckets_HasEmptyBucketsElement()
    {
        var root = Parse(Render(new ListBucketsResult(Samples.Owner, []), BucketXml.ListAllMyBuckets)).Root!;

        Assert.NotNull(root.Element(Ns + "Buckets"));
        Assert.Empty(root.Element(Ns + "Buckets")!.Elements());
    }

    [Fact]
    public void LocationConstraint_Null_IsEmptySelfClosing()
    {
        var xml = Render<string?>(null, BucketXml.LocationConstraint);

        Assert.EndsWith("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\" />", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void LocationConstraint_Region_IsText()
    {
        var root = Parse(Render<string?>("eu-west-1", BucketXml.LocationConstraint)).Root!;

        Assert.Equal(Ns + "LocationConstraint", root.Name);
        Assert.Equal("eu-west-1", root.Value);
    }

    [Fact]
    public void AccessControlPolicy_RendersUserAndGroupGranteesWithXsiType()
    {
        var acl = new AccessControlList(Samples.Owner,
        [
            new Grant(Grantee.User("bleepstore", "bleepstore"), Permission.FullControl),
            new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
            new Grant(Grantee.User("other"), Permission.WriteAcp),
        ]);

        var xml = Render(acl, BucketXml.AccessControlPolicy);

        var root = Parse(xml).Root!;
        Assert.Equal(Ns + "AccessControlPolicy", root.Name);
        Assert.Equal("bleepstore", root.Element(Ns + "Owner")!.Element(Ns + "ID")!.Value);
        var grants = root.Element(Ns + "AccessControlList")!.Elements(Ns + "Grant").ToList();
        Assert.Equal(3, grants.Count);
        var user = grants[0].Element(Ns + "Grantee")!;
        Assert.Equal("CanonicalUser", user.Attribute(Xsi + "type")!.Value);
        Assert.Equal("bleepstore", user.Element(Ns + "ID")!.Value);
        Assert.Equal("FULL_CONTROL", grants[0].Element(Ns + "Permission")!.Value);
        var group = grants[1].Element(Ns + "Grantee")!;
        Assert.Equal("Group", group.Attribute(Xsi + "type")!.Value);
        Assert.Equal(Grantee.AllUsersUri, group.Element(Ns + "URI")!.Value);
        Assert.Equal("READ", grants[1].Element(Ns + "Permission")!.Value);
        Assert.Equal("WRITE_ACP", grants[2].Element(Ns + "Permission")!.Value);
        Assert.Contains("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"", xml, StringComparison.Ordinal);
    }
}
