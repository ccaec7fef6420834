using System.Security.Cryptography;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Objects;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Hosting;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Infrastructure.Tests.Hosting;

/// <summary>Ranges, conditions and checksums given as values, not header syntax, by an embedder without HTTP.</summary>
public sealed class TypedRequestTests : IAsyncLifetime
{
    private static readonly Owner Me = new("me", "me");
    private static readonly byte[] HelloWorld = "hello world"u8.ToArray();
    private ServiceProvider _provider = null!;
    private IMediator _mediator = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddBleepStore(BleepStoreOptions.InMemory());
        _provider = services.BuildServiceProvider();
        await _provider.InitializeBleepStoreAsync();
        _mediator = _provider.GetRequiredService<IMediator>();
        await _mediator.Send(new CreateBucketCommand(S3RequestContext.Trusted(Me), "typed"));
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Theory]
    [InlineData("bytes", "llo ")]
    [InlineData("from", "world")]
    [InlineData("last", "rld")]
    public async Task RangeRequest_ReadsThatSlice(string kind, string expected)
    {
        await PutAsync("k", HelloWorld);
        var range = kind switch
        {
            "bytes" => RangeRequest.Bytes(2, 5),
            "from" => RangeRequest.From(6),
            _ => RangeRequest.Last(3),
        };

        var result = await _mediator.Send(new GetObjectQuery(S3RequestContext.Trusted(Me), "typed", "k", Range: range));
        Assert.NotNull(result.Range);
        Assert.Equal(expected, await ReadAsync(result));
    }

    [Fact]
    public void RangeRequest_RefusesImpossibleArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeRequest.Bytes(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeRequest.From(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RangeRequest.Last(0));
    }

    [Fact]
    public async Task Conditions_UnquotedETagAndInstants_AreEvaluatedAsHeadersWouldBe()
    {
        var put = await PutAsync("c", HelloWorld);
        var unquoted = put.ETag.Trim('"');
        var context = S3RequestContext.Trusted(Me);

        var notModified = await _mediator.Send(new GetObjectQuery(context, "typed", "c", Conditions: ObjectConditions.Of(ifNoneMatch: unquoted)));
        Assert.True(notModified.NotModified);

        var failed = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(new GetObjectQuery(context, "typed", "c", Conditions: ObjectConditions.Of(ifMatch: "0123"))));
        Assert.Equal("PreconditionFailed", failed.Error.Code);

        var later = await _mediator.Send(new GetObjectQuery(context, "typed", "c", Conditions: ObjectConditions.Of(ifModifiedSince: DateTimeOffset.UtcNow.AddHours(1))));
        Assert.True(later.NotModified);

        var earlier = await _mediator.Send(new GetObjectQuery(context, "typed", "c", Conditions: ObjectConditions.Of(ifMatch: put.ETag, ifModifiedSince: DateTimeOffset.UtcNow.AddDays(-1))));
        Assert.False(earlier.NotModified);
        Assert.Equal("hello world", await ReadAsync(earlier));
    }

    [Fact]
    public async Task ComputeChecksum_StoresTheBodysCrc32()
    {
        var put = await PutAsync("crc", HelloWorld, RequestChecksums.Compute(ChecksumAlgorithm.Crc32));

        // CRC-32 (IEEE) of "hello world" is 0x0D4A1185, shown big-endian in base64.
        Assert.Equal(new ChecksumValue(ChecksumAlgorithm.Crc32, "DUoRhQ=="), Assert.Single(put.Checksums));
    }

    [Fact]
    public async Task ExpectChecksum_Matching_IsStored_Mismatching_IsBadDigestAndStoresNothing()
    {
        var sha256 = SHA256.HashData(HelloWorld);
        var stored = await PutAsync("sha", HelloWorld, RequestChecksums.Expect(ChecksumAlgorithm.Sha256, sha256));
        Assert.Equal(Convert.ToBase64String(sha256), Assert.Single(stored.Checksums).Base64);

        var wrong = SHA256.HashData("something else"u8);
        var e = await Assert.ThrowsAsync<S3Exception>(() => PutAsync("sha-wrong", HelloWorld, RequestChecksums.Expect(ChecksumAlgorithm.Sha256, wrong)));
        Assert.Equal("BadDigest", e.Error.Code);
        var missing = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(new GetObjectQuery(S3RequestContext.Trusted(Me), "typed", "sha-wrong")));
        Assert.Equal("NoSuchKey", missing.Error.Code);
    }

    [Fact]
    public async Task ContentMd5_Mismatching_IsBadDigest()
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(new PutObjectCommand
        {
            Context = S3RequestContext.Trusted(Me),
            Bucket = "typed",
            Key = "md5",
            Body = new MemoryStream(HelloWorld),
            ContentLength = HelloWorld.Length,
            ContentMd5 = RequestChecksums.ContentMd5(MD5.HashData("other"u8)),
        }));
        Assert.Equal("BadDigest", e.Error.Code);
        Assert.Throws<ArgumentException>(() => RequestChecksums.ContentMd5(new byte[15]));
    }

    private Task<PutObjectResult> PutAsync(string key, byte[] body, IReadOnlyDictionary<string, string>? checksums = null) =>
        _mediator.Send(new PutObjectCommand
        {
            Context = S3RequestContext.Trusted(Me),
            Bucket = "typed",
            Key = key,
            Body = new MemoryStream(body),
            ContentLength = body.Length,
            ChecksumHeaders = checksums ?? RequestChecksums.None,
        });

    private static async Task<string> ReadAsync(GetObjectResult result)
    {
        await using var body = result.Body!;
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync();
    }
}
