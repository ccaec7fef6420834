using System.Net;
using System.Security.Cryptography;

namespace BleepStore.E2E.Exact;

/// <summary>
/// Issue 9's exact answers on the .NET side: a PUT sent as <c>Transfer-Encoding: chunked</c> with no Content-Length
/// (HttpClient with a stream of unknown length, URL presigned by AWSSDK.S3) is stored, and <c>encoding-type=url</c>
/// listings encode keys as S3 does (AWSSDK.S3 returns them still encoded; percent-decoding gives each key back).
/// </summary>
public sealed class FramingAndEncodingTests(BucketFixture fixture) : IClassFixture<BucketFixture>
{
    private static readonly string[] Keys = ["enc/a b+c.txt", "enc/percent%20literal", "enc/ключ/日本語 é", "enc/amp&eq=q?"];

    [Fact]
    public async Task PresignedPut_ChunkedWithoutContentLength_StoredWhole()
    {
        var body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 11);
        using var raw = new RawHttp(fixture.S3);
        var url = await raw.PresignAsync(fixture.Bucket, "framing/chunked", Amazon.S3.HttpVerb.PUT);
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StreamContent(new UnknownLengthStream(body)) };
        request.Headers.TransferEncodingChunked = true;

        using var response = await raw.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(request.Content.Headers.ContentLength);
        using var got = await fixture.S3.GetObjectAsync(fixture.Bucket, "framing/chunked");
        var (md5, length) = await Digests.Md5Async(got.ResponseStream);
        Assert.Equal(body.Length, length);
        Assert.Equal(MD5.HashData(body), md5);
    }

    [Fact]
    public async Task ListingsWithEncodingTypeUrl_SdkDecodesEveryKeyExactly()
    {
        foreach (var key in Keys)
        {
            await fixture.S3.PutObjectAsync(new PutObjectRequest { BucketName = fixture.Bucket, Key = key, ContentBody = "k" });
        }

        var v2 = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket, Prefix = "enc/", Encoding = EncodingType.Url });
        var v1 = await fixture.S3.ListObjectsAsync(new ListObjectsRequest { BucketName = fixture.Bucket, Prefix = "enc/", Encoding = EncodingType.Url });
        var delimited = await fixture.S3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = fixture.Bucket, Prefix = "enc/", Delimiter = "/", Encoding = EncodingType.Url });

        // AWSSDK.S3 hands the encoded values over as they came: unreserved characters and '/' as they are, a space
        // %20, '+' %2B, '%' %25, UTF-8 bytes %XX; percent-decoding (not form-decoding) gives every key back.
        var expected = Keys.Order(StringComparer.Ordinal).ToList();
        foreach (var listed in new[] { v2.S3Objects.Select(o => o.Key).ToList(), v1.S3Objects.Select(o => o.Key).ToList() })
        {
            Assert.Equal(expected, listed.Select(Uri.UnescapeDataString));
            Assert.Equal(["enc/a%20b%2Bc.txt", "enc/amp%26eq%3Dq%3F", "enc/percent%2520literal"], listed.Take(3));
            Assert.StartsWith("enc/%D0%BA%D0%BB%D1%8E%D1%87/%E6%97%A5", listed[3], StringComparison.Ordinal);
        }

        Assert.Equal(["enc/%D0%BA%D0%BB%D1%8E%D1%87/"], delimited.CommonPrefixes);
        Assert.Equal(("enc/", "/"), (delimited.Prefix, delimited.Delimiter));
    }

    /// <summary>A read-only stream that will not say its length, so HttpClient must frame it as chunked.</summary>
    private sealed class UnknownLengthStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, Math.Min(data.Length - _position, 65536));
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
