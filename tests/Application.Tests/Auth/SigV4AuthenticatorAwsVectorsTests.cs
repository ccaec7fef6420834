using System.Text;
using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Application.Streams;

namespace BleepStore.Application.Tests.Auth;

/// <summary>The signed examples published in the AWS S3 SigV4 documentation.</summary>
public sealed class SigV4AuthenticatorAwsVectorsTests
{
    private const string Credential = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";

    private static SigV4Authenticator Authenticator() =>
        new(FakeCredentialStore.WithExampleKey(), new FakeClock(TestSigner.ExampleTime), new SigV4Options());

    private static HttpRequestFacts Request(string method, string path, string query, Dictionary<string, string> headers, long? contentLength = null) => new()
    {
        Method = method,
        RawPath = path,
        RawQuery = query,
        Headers = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase),
        ContentLength = contentLength,
    };

    [Fact]
    public async Task AuthenticateAsync_AwsGetObjectWithRangeExample_Verifies()
    {
        var request = Request("GET", "/test.txt", "", new()
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["Range"] = "bytes=0-9",
            ["x-amz-content-sha256"] = TestSigner.EmptySha256,
            ["x-amz-date"] = "20130524T000000Z",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
        });

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.Equal(AuthScheme.Header, outcome.Scheme);
        Assert.True(outcome.SignatureVerified);
        Assert.Equal(TestSigner.AccessKey, outcome.Caller?.Id);
        Assert.Equal(PayloadMode.Sha256, outcome.PayloadMode);
    }

    [Fact]
    public async Task AuthenticateAsync_AwsPutObjectExample_VerifiesAndBodyMatchesDeclaredHash()
    {
        var body = "Welcome to Amazon S3."u8.ToArray();
        var request = Request("PUT", "/test%24file.text", "", new()
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["Date"] = "Fri, 24 May 2013 00:00:00 GMT",
            ["x-amz-date"] = "20130524T000000Z",
            ["x-amz-storage-class"] = "REDUCED_REDUNDANCY",
            ["x-amz-content-sha256"] = "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
        }, body.Length);
        var auth = Authenticator();

        var outcome = await auth.AuthenticateAsync(request, CancellationToken.None);
        var read = await ReadAllAsync(auth.WrapBody(outcome, request, new MemoryStream(body)));

        Assert.True(outcome.SignatureVerified);
        Assert.Equal(body, read);
    }

    [Fact]
    public async Task AuthenticateAsync_AwsGetBucketLifecycleExample_Verifies()
    {
        var request = Request("GET", "/", "lifecycle", new()
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["x-amz-date"] = "20130524T000000Z",
            ["x-amz-content-sha256"] = TestSigner.EmptySha256,
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
        });

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_AwsListObjectsExample_Verifies()
    {
        var request = Request("GET", "/", "max-keys=2&prefix=J", new()
        {
            ["Host"] = "examplebucket.s3.amazonaws.com",
            ["x-amz-date"] = "20130524T000000Z",
            ["x-amz-content-sha256"] = TestSigner.EmptySha256,
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7",
        });

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.True(outcome.SignatureVerified);
    }

    [Fact]
    public async Task AuthenticateAsync_AwsPresignedExample_Verifies()
    {
        var request = Request(
            "GET",
            "/test.txt",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
            new() { ["Host"] = "examplebucket.s3.amazonaws.com" });

        var outcome = await Authenticator().AuthenticateAsync(request, CancellationToken.None);

        Assert.Equal(AuthScheme.Presigned, outcome.Scheme);
        Assert.True(outcome.SignatureVerified);
        Assert.Equal(PayloadMode.Empty, outcome.PayloadMode);
    }

    [Fact]
    public async Task WrapBody_AwsChunkedUploadExample_DecodesAndVerifiesEveryChunk()
    {
        var (request, body) = ChunkedExample(corrupt: false);
        var auth = Authenticator();

        var outcome = await auth.AuthenticateAsync(request, CancellationToken.None);
        var decoded = await ReadAllAsync(auth.WrapBody(outcome, request, new MemoryStream(body)));

        Assert.Equal(66824, body.Length);
        Assert.Equal(PayloadMode.StreamingSigned, outcome.PayloadMode);
        Assert.Equal(66560L, SigV4Authenticator.DecodedContentLength(request));
        Assert.Equal(Enumerable.Repeat((byte)'a', 66560), decoded);
    }

    [Fact]
    public async Task WrapBody_AwsChunkedUploadExampleWithCorruptedChunk_ThrowsSignatureDoesNotMatch()
    {
        var (request, body) = ChunkedExample(corrupt: true);
        var auth = Authenticator();

        var outcome = await auth.AuthenticateAsync(request, CancellationToken.None);
        var stream = auth.WrapBody(outcome, request, new MemoryStream(body));

        var error = await Assert.ThrowsAsync<BleepStore.Domain.Errors.S3Exception>(() => ReadAllAsync(stream));
        Assert.Equal("SignatureDoesNotMatch", error.Error.Code);
    }

    [Fact]
    public async Task WrapBody_AwsChunkedUploadExampleReadByteByByte_Decodes()
    {
        var (request, body) = ChunkedExample(corrupt: false);
        var auth = Authenticator();
        var outcome = await auth.AuthenticateAsync(request, CancellationToken.None);
        var stream = auth.WrapBody(outcome, request, new MemoryStream(body));

        var total = 0;
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            Assert.Equal((byte)'a', one[0]);
            total++;
        }

        Assert.Equal(66560, total);
    }

    internal static (HttpRequestFacts Request, byte[] Body) ChunkedExample(bool corrupt)
    {
        var body = new MemoryStream();
        foreach (var (size, signature) in new[]
        {
            (65536, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"),
            (1024, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"),
            (0, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"),
        })
        {
            body.Write(Encoding.ASCII.GetBytes($"{size:x};chunk-signature={signature}\r\n"));
            var data = Enumerable.Repeat((byte)'a', size).ToArray();
            if (corrupt && size == 1024)
            {
                data[10] = (byte)'b';
            }

            body.Write(data);
            body.Write("\r\n"u8);
        }

        var request = Request("PUT", "/examplebucket/chunkObject.txt", "", new()
        {
            ["Host"] = "s3.amazonaws.com",
            ["x-amz-date"] = "20130524T000000Z",
            ["x-amz-storage-class"] = "REDUCED_REDUNDANCY",
            ["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD",
            ["Content-Encoding"] = "aws-chunked",
            ["x-amz-decoded-content-length"] = "66560",
            ["Content-Length"] = "66824",
            ["Authorization"] = $"AWS4-HMAC-SHA256 Credential={Credential},SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
        }, body.Length);
        return (request, body.ToArray());
    }

    internal static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        var result = new MemoryStream();
        await stream.CopyToAsync(result, 4096);
        return result.ToArray();
    }
}
