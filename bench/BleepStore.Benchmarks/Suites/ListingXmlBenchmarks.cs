using System.Globalization;
using BenchmarkDotNet.Attributes;
using BleepStore.Api.Xml;
using BleepStore.Application.Listing;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Objects;

namespace BleepStore.Benchmarks.Suites;

/// <summary>Writing one 1000-key ListObjectsV2 page with the Api's ListingXml into a pooled buffer.</summary>
[MemoryDiagnoser]
public class ListingXmlBenchmarks
{
    private ListObjectsV2Result _page = null!;

    [GlobalSetup]
    public void Setup()
    {
        var owner = new Owner("bleepstore", "bleepstore");
        var bucket = new Bucket("bench", "us-east-1", owner, AccessControlList.Private(owner), DateTimeOffset.UnixEpoch);
        var modified = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        var contents = new ObjectRecord[1000];
        for (var i = 0; i < contents.Length; i++)
        {
            contents[i] = new ObjectRecord
            {
                Bucket = "bench",
                Key = "s3load/ks-4KiB/" + i.ToString("D8", CultureInfo.InvariantCulture),
                Size = 4096,
                ETag = "\"0123456789abcdef0123456789abcdef\"",
                Content = ContentHeaders.Default,
                Acl = AccessControlList.Private(owner),
                LastModified = modified,
                BlobId = "blob-" + i.ToString(CultureInfo.InvariantCulture),
            };
        }

        var query = new ListObjectsV2Query(S3RequestContext.Trusted(owner), "bench", Prefix: "s3load/ks-4KiB/", MaxKeys: 1000);
        _page = new ListObjectsV2Result(query, bucket, 1000, new ListingPage(contents, [], true, contents[^1].Key), "token");
    }

    [Benchmark]
    public int ListObjectsV2Page1000()
    {
        using var buffer = new PooledBufferStream();
        using (var writer = S3Xml.Create(buffer))
        {
            ListingXml.ListObjectsV2(writer, _page);
        }

        return (int)buffer.Length;
    }
}
