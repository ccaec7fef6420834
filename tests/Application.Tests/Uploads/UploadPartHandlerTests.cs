using System.Security.Cryptography;
using BleepStore.Application.Streams;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class UploadPartHandlerTests
{
    private readonly MultipartFixture _f = new();

    [Theory]
    [InlineData(1)]
    [InlineData(10000)]
    public async Task Handle_PartNumberAtBounds_Accepted(int partNumber)
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, partNumber, [1, 2, 3]);
        Assert.Single(_f.Store.AllParts(), p => p.PartNumber == partNumber);
    }

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucket()
    {
        var command = PartCommand("id", 1, [1]);
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.Upload.Handle(new() { Context = command.Context, Bucket = "nope", Key = Key, UploadId = "id", PartNumber = 1, Body = command.Body, ContentLength = 1 }, default));
    }

    [Fact]
    public async Task Handle_UnknownUpload_ThrowsNoSuchUploadAndStoresNothing()
    {
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.UploadPartAsync("0123456789abcdef0123456789abcdef", 1, [1, 2]));
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_UploadOfAnotherKey_ThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync("other-key");
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.UploadPartAsync(id, 1, [1, 2]));
    }

    [Fact]
    public async Task Handle_ValidPart_StoresBytesAndReturnsQuotedMd5()
    {
        var id = await _f.CreateAsync();
        var data = Bytes(1000, 1);

        var result = await _f.UploadPartAsync(id, 3, data);

        Assert.Equal(ETag.FromMd5(MD5.HashData(data)), result.ETag);
        var part = Assert.Single(_f.Store.AllParts());
        Assert.Equal((3, 1000L, result.ETag, _f.Clock.UtcNow), (part.PartNumber, part.Size, part.ETag, part.LastModified));
        Assert.Equal(data, _f.Storage.Read(part.BlobId));
    }

    [Fact]
    public async Task Handle_SamePartNumberAgain_ReplacesPartAndDeletesOldBlob()
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, Bytes(100, 1));
        var oldBlob = Assert.Single(_f.Store.AllParts()).BlobId;

        var second = await _f.UploadPartAsync(id, 1, Bytes(200, 2));

        var part = Assert.Single(_f.Store.AllParts());
        Assert.Equal((second.ETag, 200L), (part.ETag, part.Size));
        Assert.False(_f.Storage.Exists(oldBlob));
        Assert.Contains(oldBlob, _f.Storage.Deleted);
        Assert.Single(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_UploadWithChecksumAlgorithm_ComputesItForThePart()
    {
        var id = await _f.CreateAsync(algorithm: "CRC32C");
        var data = Bytes(500, 3);

        var result = await _f.UploadPartAsync(id, 1, data);

        var expected = new ChecksumValue(ChecksumAlgorithm.Crc32C, ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32C, data));
        Assert.Contains(expected, result.Checksums);
        Assert.Contains(expected, Assert.Single(_f.Store.AllParts()).Checksums);
    }

    [Fact]
    public async Task Handle_DeclaredChecksumMatches_ReturnsIt()
    {
        var id = await _f.CreateAsync();
        var data = Bytes(500, 4);
        var sha = ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Sha256, data);

        var result = await _f.UploadPartAsync(id, 1, data, checksumHeaders: new Dictionary<string, string> { ["x-amz-checksum-sha256"] = sha });

        Assert.Equal([new ChecksumValue(ChecksumAlgorithm.Sha256, sha)], result.Checksums);
    }

    [Fact]
    public async Task Handle_DeclaredChecksumMismatch_ThrowsBadDigestAndStoresNothing()
    {
        var id = await _f.CreateAsync();
        var wrong = ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Crc32, [9, 9, 9]);

        await S3Assert.ThrowsAsync("BadDigest", () => _f.UploadPartAsync(id, 1, Bytes(500, 4), checksumHeaders: new Dictionary<string, string> { ["x-amz-checksum-crc32"] = wrong }));

        Assert.Empty(_f.Store.AllParts());
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_ContentMd5Mismatch_ThrowsBadDigest()
    {
        var id = await _f.CreateAsync();
        var command = PartCommand(id, 1, Bytes(10, 1));
        var withMd5 = new BleepStore.Application.Uploads.UploadPart.UploadPartCommand
        {
            Context = command.Context, Bucket = Bucket, Key = Key, UploadId = id, PartNumber = 1, Body = command.Body, ContentLength = 10,
            ContentMd5 = Convert.ToBase64String(MD5.HashData([1])),
        };

        await S3Assert.ThrowsAsync("BadDigest", () => _f.Upload.Handle(withMd5, default));
        Assert.Empty(_f.Store.AllParts());
    }

    [Fact]
    public async Task Handle_BodyShorterThanDeclared_ThrowsIncompleteBody()
    {
        var id = await _f.CreateAsync();
        var command = PartCommand(id, 1, Bytes(10, 1));
        command.ContentLength = 20;

        await S3Assert.ThrowsAsync("IncompleteBody", () => _f.Upload.Handle(command, default));
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_UploadAbortedWhileStreaming_DeletesNewBlobAndThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, Bytes(100, 1));
        _f.Store.BeforePutPart = async _ => await _f.AbortAsync(id);

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.UploadPartAsync(id, 2, Bytes(100, 2)));

        Assert.Empty(_f.Store.AllParts());
        Assert.Empty(_f.Storage.BlobIds);
    }
}
