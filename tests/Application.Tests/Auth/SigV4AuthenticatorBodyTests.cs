using System.Text;
using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Application.Streams;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Auth;

public sealed class SigV4AuthenticatorBodyTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("hello, deferred world");

    private readonly SigV4Authenticator _auth = new(FakeCredentialStore.WithExampleKey(), new FakeClock(Now), new SigV4Options());

    private static Task<byte[]> ReadAllAsync(Stream s) => SigV4AuthenticatorAwsVectorsTests.ReadAllAsync(s);

    private static Dictionary<string, string> Headers(params (string, string)[] pairs)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in pairs)
        {
            d[k] = v;
        }

        return d;
    }

    [Fact]
    public async Task WrapBody_DeferredSignatureAndMatchingBody_VerifiesAtEof()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(), TestSigner.Sha256Hex(Body), Now, contentLength: Body.Length, sendPayloadHashHeader: false);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var read = await ReadAllAsync(_auth.WrapBody(outcome, signed.Facts, new MemoryStream(Body)));

        Assert.Equal(PayloadMode.Deferred, outcome.PayloadMode);
        Assert.False(outcome.SignatureVerified);
        Assert.NotNull(outcome.Caller);
        Assert.Equal(Body, read);
    }

    [Fact]
    public async Task WrapBody_DeferredSignatureAndOtherBody_ThrowsSignatureDoesNotMatchOnlyAtEof()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(), TestSigner.Sha256Hex(Body), Now, contentLength: Body.Length, sendPayloadHashHeader: false);
        var other = Encoding.UTF8.GetBytes("HELLO, deferred world");

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(other));
        var buffer = new byte[other.Length];
        var first = await stream.ReadAsync(buffer);

        Assert.Equal(other.Length, first);
        var error = await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(buffer).AsTask());
        Assert.Equal("SignatureDoesNotMatch", error.Error.Code);
        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<S3Exception>(() => stream.ReadAsync(buffer).AsTask())).Error.Code);
    }

    [Fact]
    public async Task WrapBody_DeclaredSha256Mismatch_ThrowsXAmzContentSHA256Mismatch()
    {
        var declared = TestSigner.Sha256Hex("something else");
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(), declared, Now, contentLength: Body.Length);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(Body));

        var error = await Assert.ThrowsAsync<S3Exception>(() => ReadAllAsync(stream));
        Assert.Equal("XAmzContentSHA256Mismatch", error.Error.Code);
        Assert.Equal(400, error.Error.HttpStatus);
    }

    [Fact]
    public async Task WrapBody_UnsignedPayload_ReturnsRawStream()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(), "UNSIGNED-PAYLOAD", Now, contentLength: Body.Length);
        var raw = new MemoryStream(Body);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);

        Assert.Same(raw, _auth.WrapBody(outcome, signed.Facts, raw));
    }

    [Fact]
    public async Task WrapBody_SignedChunksWithSignedCrc32Trailer_DecodesAndExposesTrailer()
    {
        var (signed, body, data) = SignedTrailerRequest(tamperTrailer: false);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var decoder = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(body));
        var hashing = new ObjectHashingStream(decoder, ObjectHashingOptions.FromHeaders(signed.Facts.Headers, data.Length));
        var read = await ReadAllAsync(hashing);

        Assert.Equal(PayloadMode.StreamingSignedTrailer, outcome.PayloadMode);
        Assert.Equal(data, read);
        var trailers = Assert.IsAssignableFrom<ITrailerSource>(decoder).Trailers;
        Assert.Equal(ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32, data), trailers["x-amz-checksum-crc32"]);
        Assert.Contains(new ChecksumValue(ChecksumAlgorithm.Crc32, trailers["x-amz-checksum-crc32"]), hashing.Checksums);
    }

    [Fact]
    public async Task WrapBody_SignedTrailerTampered_ThrowsSignatureDoesNotMatch()
    {
        var (signed, body, _) = SignedTrailerRequest(tamperTrailer: true);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(body));

        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<S3Exception>(() => ReadAllAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task WrapBody_SignedChunksTruncated_ThrowsIncompleteBody()
    {
        var data = Enumerable.Range(0, 20000).Select(i => (byte)i).ToArray();
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "20000")), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Now, contentLength: 1);
        var body = TestSigner.ChunkedBody(signed, [data[..8192], data[8192..]]);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(body[..^200]));

        Assert.Equal("IncompleteBody", (await Assert.ThrowsAsync<S3Exception>(() => ReadAllAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task WrapBody_DecodedLengthDiffersFromDeclared_ThrowsIncompleteBody()
    {
        var data = new byte[100];
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "101")), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Now, contentLength: 1);
        var body = TestSigner.ChunkedBody(signed, [data]);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(body));

        Assert.Equal("IncompleteBody", (await Assert.ThrowsAsync<S3Exception>(() => ReadAllAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task WrapBody_ChunkSignaturesReordered_ThrowsSignatureDoesNotMatch()
    {
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(("x-amz-decoded-content-length", "20")), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Now, contentLength: 1);
        var first = TestSigner.ChunkedBody(signed, [new byte[10], new byte[10]]);
        var text = Encoding.ASCII.GetString(first);
        var sigs = System.Text.RegularExpressions.Regex.Matches(text, "chunk-signature=([0-9a-f]{64})").Select(m => m.Groups[1].Value).ToArray();
        var swapped = text.Replace(sigs[0], "X", StringComparison.Ordinal).Replace(sigs[1], sigs[0], StringComparison.Ordinal).Replace("X", sigs[1], StringComparison.Ordinal);

        var outcome = await _auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var stream = _auth.WrapBody(outcome, signed.Facts, new MemoryStream(Encoding.ASCII.GetBytes(swapped)));

        Assert.Equal("SignatureDoesNotMatch", (await Assert.ThrowsAsync<S3Exception>(() => ReadAllAsync(stream))).Error.Code);
    }

    [Fact]
    public async Task WrapBody_AnonymousStreamingUnsignedTrailer_DecodesWithoutSignatures()
    {
        var request = new HttpRequestFacts
        {
            Method = "PUT",
            RawPath = "/bucket/key",
            RawQuery = "",
            Headers = Headers(("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"), ("x-amz-decoded-content-length", "11"), ("x-amz-trailer", "x-amz-checksum-crc32")),
            ContentLength = 60,
        };
        var body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"u8.ToArray();

        var outcome = await _auth.AuthenticateAsync(request, CancellationToken.None);
        var hashing = new ObjectHashingStream(_auth.WrapBody(outcome, request, new MemoryStream(body)), ObjectHashingOptions.FromHeaders(request.Headers, 11));
        var read = await ReadAllAsync(hashing);

        Assert.Equal(AuthScheme.Anonymous, outcome.Scheme);
        Assert.Equal(PayloadMode.StreamingUnsignedTrailer, outcome.PayloadMode);
        Assert.Equal("hello world", Encoding.ASCII.GetString(read));
        Assert.Equal(11L, SigV4Authenticator.DecodedContentLength(request));
    }

    [Fact]
    public async Task WrapBody_AuthDisabledWithSignedChunks_DecodesWithoutChecking()
    {
        var auth = new SigV4Authenticator(FakeCredentialStore.WithExampleKey(), new FakeClock(Now), new SigV4Options(Enabled: false));
        var signed = TestSigner.SignHeader("PUT", "/bucket/key", null, Headers(("x-amz-decoded-content-length", "3")), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", Now, contentLength: 1);
        var body = Encoding.ASCII.GetBytes("3;chunk-signature=" + new string('0', 64) + "\r\nabc\r\n0;chunk-signature=" + new string('0', 64) + "\r\n\r\n");

        var outcome = await auth.AuthenticateAsync(signed.Facts, CancellationToken.None);
        var read = await ReadAllAsync(auth.WrapBody(outcome, signed.Facts, new MemoryStream(body)));

        Assert.True(outcome.AuthDisabled);
        Assert.Equal("abc", Encoding.ASCII.GetString(read));
    }

    [Fact]
    public void DecodedContentLength_PlainRequest_IsContentLength()
    {
        var request = new HttpRequestFacts { Method = "PUT", RawPath = "/b/k", RawQuery = "", Headers = Headers(), ContentLength = 42 };

        Assert.Equal(42L, SigV4Authenticator.DecodedContentLength(request));
    }

    private static (SignedRequest Signed, byte[] Body, byte[] Data) SignedTrailerRequest(bool tamperTrailer)
    {
        var data = Enumerable.Range(0, 70000).Select(i => (byte)(i * 7)).ToArray();
        var signed = TestSigner.SignHeader(
            "PUT",
            "/bucket/key",
            null,
            Headers(("Content-Encoding", "aws-chunked"), ("x-amz-decoded-content-length", "70000"), ("x-amz-trailer", "x-amz-checksum-crc32")),
            "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
            Now,
            contentLength: 1);
        var crc = ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32, data);
        var body = TestSigner.ChunkedBody(signed, [data[..65536], data[65536..]], [("x-amz-checksum-crc32", crc)], signTrailer: true);
        if (tamperTrailer)
        {
            var text = Encoding.Latin1.GetString(body);
            body = Encoding.Latin1.GetBytes(text.Replace("x-amz-checksum-crc32:" + crc, "x-amz-checksum-crc32:AAAAAA==", StringComparison.Ordinal));
        }

        return (signed, body, data);
    }
}
