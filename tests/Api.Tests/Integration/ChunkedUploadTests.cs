using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// A PUT whose body goes out <c>Transfer-Encoding: chunked</c> with no Content-Length is accepted and
/// streamed to its end, as MinIO and Ceph RGW do (issue 9). (Neither length nor chunked: 411, PutObjectValidatorTests.)
/// </summary>
public sealed class ChunkedUploadTests : IClassFixture<BleepStoreFactory>, IAsyncLifetime
{
    private readonly IAmazonS3 _s3;
    private readonly HttpClient _http;
    private readonly string _bucket = S3Assert.NewBucket("chunked");

    public ChunkedUploadTests(BleepStoreFactory factory)
    {
        _s3 = factory.CreateS3Client();
        _http = new HttpClient { BaseAddress = factory.BaseAddress };
    }

    public async Task InitializeAsync() =>
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, CannedACL = S3CannedACL.PublicReadWrite });

    public Task DisposeAsync()
    {
        _http.Dispose();
        _s3.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3 * 1024 * 1024 + 5)]
    public async Task Put_ChunkedWithoutContentLength_StoredWhole(int size)
    {
        var data = RandomNumberGenerator.GetBytes(size);
        using var content = new StreamContent(new NonSeekable(data));

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/{_bucket}/c{size}") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal($"\"{Convert.ToHexStringLower(MD5.HashData(data))}\"", response.Headers.ETag!.Tag);
        using var got = await _s3.GetObjectAsync(_bucket, $"c{size}");
        Assert.Equal(size, got.ContentLength);
        using var copy = new MemoryStream();
        await got.ResponseStream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
