using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Requests;

public sealed class RequestDocumentTests
{
    [Fact]
    public async Task ReadAsync_ParsesOnce_AndReturnsTheSameValueAfterwards()
    {
        var calls = 0;
        var document = new RequestDocument<string>(Body("hello"), 5, async (stream, ct) =>
        {
            calls++;
            return await new StreamReader(stream).ReadToEndAsync(ct);
        });

        Assert.Equal("hello", await document.ReadAsync(default));
        Assert.Equal("hello", await document.ReadAsync(default));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task ReadAsync_AFailedParse_FailsAgainWithoutRereading()
    {
        var calls = 0;
        var document = new RequestDocument<string>(Body("x"), 1, (_, _) =>
        {
            calls++;
            throw new S3Exception(S3Errors.MalformedXML);
        });

        await Assert.ThrowsAsync<S3Exception>(async () => await document.ReadAsync(default));
        await Assert.ThrowsAsync<S3Exception>(async () => await document.ReadAsync(default));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task FromValue_HasAnEmptyBody_AndNeverParses()
    {
        var document = RequestDocument<IReadOnlyList<int>>.FromValue([1, 2]);

        Assert.Same(Stream.Null, document.Body);
        Assert.Equal(0, document.ContentLength);
        Assert.Equal([1, 2], await document.ReadAsync(default));
    }

    [Fact]
    public async Task ReadAsync_ReadsTheBodyAsReplacedByThePipeline()
    {
        var document = new RequestDocument<string>(Body("original"), 8, ReadAll) { Body = Body("replaced") };

        Assert.Equal("replaced", await document.ReadAsync(default));
    }

    [Fact]
    public async Task IntegrityHeaders_ContentMd5_IsChecked()
    {
        var md5 = Convert.ToBase64String(MD5.HashData("doc"u8));

        Assert.Equal("doc", await Document("doc", ("Content-MD5", md5)).ReadAsync(default));
        await AssertErrorAsync("BadDigest", Document("dog", ("content-md5", md5)));
        await AssertErrorAsync("InvalidDigest", Document("doc", ("Content-MD5", "nope")));
    }

    [Fact]
    public async Task IntegrityHeaders_ChecksumHeader_IsChecked()
    {
        var sha = Convert.ToBase64String(SHA256.HashData("doc"u8));

        Assert.Equal("doc", await Document("doc", ("x-amz-checksum-sha256", sha)).ReadAsync(default));
        await AssertErrorAsync("BadDigest", Document("dot", ("X-Amz-Checksum-Sha256", sha)));
    }

    [Fact]
    public async Task IntegrityHeaders_AreCheckedEvenIfTheParserStopsEarly()
    {
        var md5 = Convert.ToBase64String(MD5.HashData("doc"u8));
        var document = new RequestDocument<int>(Body("dog"), 3, (_, _) => ValueTask.FromResult(1))
        {
            IntegrityHeaders = new Dictionary<string, string> { ["Content-MD5"] = md5 },
        };

        await AssertErrorAsync("BadDigest", document);
    }

    private static RequestDocument<string> Document(string body, params (string Name, string Value)[] headers) =>
        new(Body(body), Encoding.UTF8.GetByteCount(body), ReadAll)
        {
            IntegrityHeaders = headers.ToDictionary(h => h.Name, h => h.Value),
        };

    private static async ValueTask<string> ReadAll(Stream stream, CancellationToken ct) => await new StreamReader(stream).ReadToEndAsync(ct);

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));

    private static async Task AssertErrorAsync<T>(string code, RequestDocument<T> document)
    {
        var e = await Assert.ThrowsAsync<S3Exception>(async () => await document.ReadAsync(default));
        Assert.Equal(code, e.Error.Code);
    }
}
