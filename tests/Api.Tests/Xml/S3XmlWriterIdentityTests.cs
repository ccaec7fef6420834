using System.Text;
using System.Xml;
using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using XmlText = BleepStore.Api.Xml.XmlText;
using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Requests;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using Old = BleepStore.Api.Tests.Xml.Oracle;

namespace BleepStore.Api.Tests.Xml;

/// <summary>
/// Responses are written by <see cref="S3XmlWriter"/>, no longer by System.Xml's XmlWriter. Every document
/// writer is rendered with awkward values through both (the XmlWriter path is the frozen copy in Oracle/) and the
/// bytes must be equal; the writer's own operations are compared directly too, with text no caller sanitised.
/// </summary>
public sealed class S3XmlWriterIdentityTests
{
    private static readonly S3RequestContext Ctx = new();

    /// <summary>Markup, quotes, line ends, tabs, non-ASCII, surrogate pairs, and what XML 1.0 cannot carry.</summary>
    public static readonly string[] Nasty =
    [
        "",
        "plain",
        "a&b<c>d\"e'f",
        "&amp; &#xD; ]]> <!-- x -->",
        "line\r\nbreak\rcr\nlf\ttab",
        "\r",
        "  lead and trail  ",
        "ünïcødé/日本語/Ελληνικά",
        "emoji 😀/🎉👍🏽",
        "\u0085\u2028\u2029\u00A0\uFEFF",
        "ctl\u0001\u0008\u000B\u000C\u001F",
        "\uFFFE\uFFFF\uFFFD",
        "lone\uD800high",
        "lone\uDC00low",
        "%2F+ ?=&/~",
        "a/b/c/",
    ];

    private static readonly DateTimeOffset When = new(2026, 2, 22, 12, 0, 0, 500, TimeSpan.Zero);

    public static TheoryData<int> NastyIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Nasty.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NastyIndexes))]
    public void BucketDocuments_AreByteIdentical(int index)
    {
        var s = Nasty[index];
        var owner = new Owner("id-" + s, s);
        var buckets = new ListBucketsResult(owner, [Bucket(s), Bucket("b2"), Bucket(s + "3")]);
        Same(buckets, BucketXml.ListAllMyBuckets, Old.BucketXml.ListAllMyBuckets);
        Same(new ListBucketsResult(owner, []), BucketXml.ListAllMyBuckets, Old.BucketXml.ListAllMyBuckets);

        Same<string?>(s, BucketXml.LocationConstraint, Old.BucketXml.LocationConstraint);
        Same<string?>(null, BucketXml.LocationConstraint, Old.BucketXml.LocationConstraint);

        Same<string?>(null, BucketXml.VersioningConfiguration, Old.BucketXml.VersioningConfiguration);
        Same<string?>("Enabled", BucketXml.VersioningConfiguration, Old.BucketXml.VersioningConfiguration);
        if (XmlText.IsValid(s))
        {
            // Status goes out unsanitised; only the XML-legal values are comparable (both writers reject lone surrogates).
            Same<string?>(s, BucketXml.VersioningConfiguration, Old.BucketXml.VersioningConfiguration);
        }

        var acl = new AccessControlList(owner,
        [
            new Grant(Grantee.User("id-" + s, s), Permission.FullControl),
            new Grant(new Grantee(GranteeType.CanonicalUser, "no-display-name", null, null), Permission.Read),
            new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
            new Grant(Grantee.Group("http://acs.amazonaws.com/groups/" + s), Permission.WriteAcp),
            new Grant(Grantee.User(s, ""), Permission.Write),
        ]);
        Same(acl, BucketXml.AccessControlPolicy, Old.BucketXml.AccessControlPolicy);
        Same(new AccessControlList(owner, []), BucketXml.AccessControlPolicy, Old.BucketXml.AccessControlPolicy);
    }

    [Theory]
    [MemberData(nameof(NastyIndexes))]
    public void ListingDocuments_AreByteIdentical(int index)
    {
        var s = Nasty[index];
        var pages = new[]
        {
            new ListingPage([], [], false, null),
            new ListingPage([Object(s), Object("p/" + s + "/k", storageClass: ""), Object("z", size: long.MaxValue)], [s + "/", "p/"], true, "z"),
            new ListingPage([Object("ok")], [s], false, null),
        };

        foreach (var page in pages)
        {
            foreach (var encoding in new string?[] { null, "url" })
            {
                foreach (var fetchOwner in new[] { false, true })
                {
                    var v2 = new ListObjectsV2Query(Ctx, "bkt", s, s, 7, s, s, fetchOwner, encoding);
                    Same(new ListObjectsV2Result(v2, Bucket("bkt"), 7, page, s), ListingXml.ListObjectsV2, Old.ListingXml.ListObjectsV2);
                    var bare = new ListObjectsV2Query(Ctx, "bkt", FetchOwner: fetchOwner, EncodingType: encoding);
                    Same(new ListObjectsV2Result(bare, Bucket("bkt"), 1000, page, null), ListingXml.ListObjectsV2, Old.ListingXml.ListObjectsV2);
                }

                var v1 = new ListObjectsQuery(Ctx, "bkt", s, s, 3, s, encoding);
                Same(new ListObjectsResult(v1, Bucket("bkt"), 3, page, s), ListingXml.ListObjects, Old.ListingXml.ListObjects);
                Same(new ListObjectsResult(new ListObjectsQuery(Ctx, "bkt", EncodingType: encoding), Bucket("bkt"), 1000, page, null), ListingXml.ListObjects, Old.ListingXml.ListObjects);

                var versions = new ListObjectVersionsQuery(Ctx, "bkt", s, s, 2, s, s, encoding);
                Same(new ListObjectVersionsResult(versions, Bucket("bkt"), 2, page, s, "null"), ListingXml.ListVersions, Old.ListingXml.ListVersions);
                Same(new ListObjectVersionsResult(new ListObjectVersionsQuery(Ctx, "bkt", EncodingType: encoding), Bucket("bkt"), 1000, page, null, null),
                    ListingXml.ListVersions, Old.ListingXml.ListVersions);
            }
        }
    }

    [Theory]
    [MemberData(nameof(NastyIndexes))]
    public void MultipartDocuments_AreByteIdentical(int index)
    {
        var s = Nasty[index];
        Same(new CreateMultipartUploadResult(s, s, s, null, null), MultipartXml.InitiateMultipartUploadResult, Old.MultipartXml.InitiateMultipartUploadResult);

        foreach (var (checksum, type) in new (ChecksumValue?, string?)[]
        {
            (null, null),
            (new ChecksumValue(ChecksumAlgorithm.Crc32, "AAAAAA==-2"), "COMPOSITE"),
            (new ChecksumValue(ChecksumAlgorithm.Sha256, s), null),
            (new ChecksumValue(ChecksumAlgorithm.Crc64Nvme, "AAAAAAAAAAA="), null),
        })
        {
            var complete = (new CompleteMultipartUploadResult(s, s, "\"" + s + "-2\"", checksum, type), "http://h:9000/b/" + s);
            Same(complete, MultipartXml.CompleteMultipartUploadResult, Old.MultipartXml.CompleteMultipartUploadResult);
        }

        var uploads = new[]
        {
            Upload(s),
            Upload("k") with { ChecksumAlgorithm = ChecksumAlgorithm.Crc32C, ChecksumType = "FULL_OBJECT", StorageClass = "" },
            Upload(s + "2") with { ChecksumAlgorithm = ChecksumAlgorithm.Sha1, Initiator = new Owner(s, s) },
        };
        foreach (var encoding in new string?[] { null, "url" })
        {
            var query = new ListMultipartUploadsQuery(Ctx, "bkt", s, s, s, s, 3, encoding);
            Same(new ListMultipartUploadsResult(query, Bucket("bkt"), 3, uploads, [s + "/", "d/"], true, s, s), MultipartXml.ListMultipartUploadsResult,
                Old.MultipartXml.ListMultipartUploadsResult);
            Same(new ListMultipartUploadsResult(new ListMultipartUploadsQuery(Ctx, "bkt", EncodingType: encoding), Bucket("bkt"), 1000, [], [], false, null, null),
                MultipartXml.ListMultipartUploadsResult, Old.MultipartXml.ListMultipartUploadsResult);
        }

        var parts = new[] { Part(1, []), Part(2, [new ChecksumValue(ChecksumAlgorithm.Crc32, s), new ChecksumValue(ChecksumAlgorithm.Sha256, "x")]) };
        Same(new ListPartsResult(uploads[1], parts, 2, 0, true, 2), MultipartXml.ListPartsResult, Old.MultipartXml.ListPartsResult);
        Same(new ListPartsResult(uploads[0], [], 1000, 5, false, null), MultipartXml.ListPartsResult, Old.MultipartXml.ListPartsResult);
    }

    [Theory]
    [MemberData(nameof(NastyIndexes))]
    public void ObjectAndErrorDocuments_AreByteIdentical(int index)
    {
        var s = Nasty[index];
        Same(new CopyObjectResult(s, When), ObjectXml.CopyObjectResult, Old.ObjectXml.CopyObjectResult);
        Same(new CopyObjectResult("\"e\"", DateTimeOffset.MinValue), ObjectXml.CopyObjectResult, Old.ObjectXml.CopyObjectResult);
        Same(new CopyObjectResult("\"e\"", DateTimeOffset.MaxValue), ObjectXml.CopyObjectResult, Old.ObjectXml.CopyObjectResult);
        Same(new CopyObjectResult("\"e\"", new DateTimeOffset(987, 6, 5, 4, 3, 2, 1, TimeSpan.FromMinutes(-90))), ObjectXml.CopyObjectResult, Old.ObjectXml.CopyObjectResult);
        Same(new UploadPartCopyResult(s, When.ToOffset(TimeSpan.FromHours(5)), []), ObjectXml.CopyPartResult, Old.ObjectXml.CopyPartResult);
        Same(new UploadPartCopyResult("\"p\"", When, [new ChecksumValue(ChecksumAlgorithm.Crc32C, s), new ChecksumValue(ChecksumAlgorithm.Crc64Nvme, "")]),
            ObjectXml.CopyPartResult, Old.ObjectXml.CopyPartResult);

        foreach (var quiet in new[] { false, true })
        {
            var result = new DeleteObjectsResult(quiet, [new(s), new(s, "null"), new("k", "")], [new(s, "AccessDenied", s), new("k", "", "")]);
            Same(result, ObjectXml.DeleteResult, Old.ObjectXml.DeleteResult);
            Same(new DeleteObjectsResult(quiet, [], []), ObjectXml.DeleteResult, Old.ObjectXml.DeleteResult);
        }

        KeyValuePair<string, string>[] details =
            [new("Key", s), new("BucketName", "b"), new("not a name", s), new("", "v"), new("x-amz-Detail_1.2", s), new("ArgumentValue", "")];
        foreach (var code in new[] { S3Errors.NoSuchKey, S3Errors.InvalidArgument, S3Errors.InternalError })
        {
            Same(0, (w, _) => ErrorXml.Write(w, code, s, "/b/" + s, details, s, s), (w, _) => Old.ErrorXml.Write(w, code, s, "/b/" + s, details, s, s));
            Same(0, (w, _) => ErrorXml.Write(w, code, "", "", [], "ID", ""), (w, _) => Old.ErrorXml.Write(w, code, "", "", [], "ID", ""));
        }
    }

    /// <summary>The writer's own operations, fed text no caller made XML-legal, against XmlWriter with the old settings.</summary>
    [Theory]
    [MemberData(nameof(NastyIndexes))]
    public void WriterOperations_MatchXmlWriter_OnUnsanitisedText(int index)
    {
        var s = Nasty[index];
        if (!HasLoneSurrogate(s))
        {
            Same(s, static (w, v) =>
            {
                w.WriteStartElement("Root", S3Xml.Namespace);
                w.WriteStartElement("Grantee");
                w.WriteAttributeString("xmlns", "xsi", S3Xml.XsiNamespace);
                w.WriteAttributeString("xsi", "type", v);
                w.WriteString(v);
                w.WriteString(v);
                w.WriteEndElement();
                w.WriteElementString("Status", S3Xml.Namespace, v);
                w.WriteStartElement("Other", "urn:other:" + v);
                w.WriteStartElement("Inner");
                w.WriteString("");
                w.WriteEndElement();
                w.WriteElementString("Back", S3Xml.Namespace, v);
                w.WriteEndElement();
                w.WriteStartElement("Empty");
                w.WriteString(null);
                w.WriteEndElement();
                w.WriteStartElement("Unclosed");
                w.WriteString(v);
            }, static (w, v) =>
            {
                w.WriteStartElement("Root", S3Xml.Namespace);
                w.WriteStartElement("Grantee");
                w.WriteAttributeString("xmlns", "xsi", null, S3Xml.XsiNamespace);
                w.WriteAttributeString("xsi", "type", S3Xml.XsiNamespace, v);
                w.WriteString(v);
                w.WriteString(v);
                w.WriteEndElement();
                w.WriteElementString("Status", S3Xml.Namespace, v);
                w.WriteStartElement("Other", "urn:other:" + v);
                w.WriteStartElement("Inner");
                w.WriteString("");
                w.WriteEndElement();
                w.WriteElementString("Back", S3Xml.Namespace, v);
                w.WriteEndElement();
                w.WriteStartElement("Empty");
                w.WriteString(null);
                w.WriteEndElement();
                w.WriteStartElement("Unclosed");
                w.WriteString(v);
            });
            return;
        }

        // A lone surrogate cannot be encoded: both writers refuse it; the Element helpers replace it first (XmlText).
        Same(s, static (w, v) => w.Element("K", v), static (w, v) => Old.S3Xml.Element(w, "K", v));
        Assert.ThrowsAny<ArgumentException>(() => RenderNew(s, static (w, v) => { w.WriteStartElement("K"); w.WriteString(v); }));
        Assert.ThrowsAny<ArgumentException>(() => RenderOld(s, static (w, v) => { w.WriteStartElement("K"); w.WriteString(v); }));
    }

    [Fact]
    public void ThousandKeyPage_IsByteIdentical_AcrossBufferGrowth()
    {
        var contents = new ObjectRecord[1000];
        for (var i = 0; i < contents.Length; i++)
        {
            contents[i] = Object(Nasty[i % Nasty.Length] + "/" + i, size: i * 4096L);
        }

        var page = new ListingPage(contents, [.. Nasty.Select(n => n + "/")], true, contents[^1].Key);
        var query = new ListObjectsV2Query(Ctx, "bench", "", "/", 1000, FetchOwner: true);
        Same(new ListObjectsV2Result(query, Bucket("bench"), 1000, page, "token"), ListingXml.ListObjectsV2, Old.ListingXml.ListObjectsV2);
    }

    [Fact]
    public void Comparison_CanFail()
    {
        // Guards the harness itself: a difference of one byte is reported.
        var different = Record.Exception(() =>
            Same(0, static (w, _) => w.Element("A", "x"), static (w, _) => { w.WriteStartElement("A"); w.WriteString("x"); w.WriteFullEndElement(); w.WriteStartElement("B"); w.WriteEndElement(); }));
        Assert.NotNull(different);
    }

    private static void Same<T>(T state, Action<S3XmlWriter, T> write, Action<XmlWriter, T> oracle)
    {
        var expected = RenderOld(state, oracle);
        var actual = RenderNew(state, write);
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            // Text and bytes both, so an encoding difference shows too.
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.Equal(expected, actual);
        }

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<", Encoding.UTF8.GetString(actual), StringComparison.Ordinal);
    }

    private static byte[] RenderNew<T>(T state, Action<S3XmlWriter, T> write)
    {
        using var buffer = new PooledBufferStream(16);
        using (var w = S3Xml.Create(buffer))
        {
            write(w, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] RenderOld<T>(T state, Action<XmlWriter, T> write)
    {
        using var buffer = new PooledBufferStream(16);
        using (var w = Old.S3Xml.Create(buffer))
        {
            write(w, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static Bucket Bucket(string name) => new(name, "us-east-1", Samples.Owner, AccessControlList.Private(Samples.Owner), When);

    private static ObjectRecord Object(string key, long size = 5, string storageClass = "STANDARD") => Samples.Object(key, size, storageClass) with
    {
        LastModified = When.AddMilliseconds(key.Length),
    };

    private static MultipartUpload Upload(string key) => new()
    {
        UploadId = "up-" + key,
        Bucket = "bkt",
        Key = key,
        Content = ContentHeaders.Default,
        Acl = AccessControlList.Private(Samples.Owner),
        Initiator = new Owner("alice", "Alice & <Bob>"),
        Initiated = When,
    };

    private static PartRecord Part(int number, IReadOnlyList<ChecksumValue> checksums) => new()
    {
        UploadId = "u",
        PartNumber = number,
        Size = number * 5L * 1024 * 1024,
        ETag = "\"e" + number + "\"",
        LastModified = When,
        BlobId = "b" + number,
        Checksums = checksums,
    };
}
