using System.Security.Cryptography;
using BleepStore.Application.Objects;
using BleepStore.Application.Streams;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class UploadPartCopyHandlerTests
{
    private const string SourceKey = "src/data.bin";
    private static readonly byte[] SourceBytes = Bytes(1000, 9);
    private readonly MultipartFixture _f = new();

    public UploadPartCopyHandlerTests()
    {
        _f.Store.AddObject(new ObjectRecord
        {
            Bucket = Bucket, Key = SourceKey, Size = SourceBytes.Length, ETag = ETag.FromMd5(MD5.HashData(SourceBytes)),
            Content = ContentHeaders.Default, Acl = AccessControlList.Private(Alice), LastModified = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            BlobId = _f.Storage.Put(SourceBytes),
        });
    }

    [Fact]
    public async Task Handle_NoRange_CopiesWholeSource()
    {
        var id = await _f.CreateAsync();

        var result = await CopyAsync(id);

        Assert.Equal(ETag.FromMd5(MD5.HashData(SourceBytes)), result.ETag);
        Assert.Equal(_f.Clock.UtcNow, result.LastModified);
        Assert.Equal(SourceBytes, _f.Storage.Read(Assert.Single(_f.Store.AllParts()).BlobId));
    }

    [Theory]
    [InlineData("bytes=0-0", 0, 1)]
    [InlineData("bytes=10-19", 10, 10)]
    [InlineData("bytes=0-999", 0, 1000)]
    [InlineData("bytes=999-999", 999, 1)]
    public async Task Handle_Range_CopiesInclusiveBytes(string range, int offset, int length)
    {
        var id = await _f.CreateAsync();

        var result = await CopyAsync(id, range: range);

        var expected = SourceBytes.AsSpan(offset, length).ToArray();
        Assert.Equal(ETag.FromMd5(MD5.HashData(expected)), result.ETag);
        var part = Assert.Single(_f.Store.AllParts());
        Assert.Equal(expected, _f.Storage.Read(part.BlobId));
        Assert.Equal(length, part.Size);
    }

    [Theory]
    [InlineData("bytes=5-")]
    [InlineData("bytes=-5")]
    [InlineData("bytes=a-b")]
    [InlineData("5-10")]
    [InlineData("bytes=10-5")]
    [InlineData("bytes=1-2,4-5")]
    [InlineData("items=1-2")]
    [InlineData("")]
    public async Task Handle_MalformedRange_ThrowsInvalidArgument(string range)
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("InvalidArgument", () => CopyAsync(id, range: range));
        Assert.Empty(_f.Store.AllParts());
    }

    [Theory]
    [InlineData("bytes=0-1000")]
    [InlineData("bytes=1000-1001")]
    public async Task Handle_RangePastSourceEnd_ThrowsInvalidRange(string range)
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("InvalidRange", () => CopyAsync(id, range: range));
    }

    [Fact]
    public async Task Handle_SourceConditionFails_ThrowsPreconditionFailed()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("PreconditionFailed", () => CopyAsync(id, conditions: new ObjectConditions(IfMatch: "\"other\"")));
        await S3Assert.ThrowsAsync("PreconditionFailed", () => CopyAsync(id, conditions: new ObjectConditions(IfNoneMatch: "*")));
        await S3Assert.ThrowsAsync("PreconditionFailed", () => CopyAsync(id, conditions: new ObjectConditions(IfModifiedSince: "Fri, 01 Jan 2027 00:00:00 GMT")));
        await S3Assert.ThrowsAsync("PreconditionFailed", () => CopyAsync(id, conditions: new ObjectConditions(IfUnmodifiedSince: "Fri, 01 Jan 2021 00:00:00 GMT")));
    }

    [Fact]
    public async Task Handle_SourceConditionHolds_Copies()
    {
        var id = await _f.CreateAsync();
        await CopyAsync(id, conditions: new ObjectConditions(IfMatch: ETag.FromMd5(MD5.HashData(SourceBytes)), IfUnmodifiedSince: "Fri, 01 Jan 2027 00:00:00 GMT"));
        Assert.Single(_f.Store.AllParts());
    }

    [Fact]
    public async Task Handle_MissingSourceKey_ThrowsNoSuchKey()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("NoSuchKey", () => CopyAsync(id, source: Bucket + "/missing"));
    }

    [Fact]
    public async Task Handle_MissingSourceBucket_ThrowsNoSuchBucket()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("NoSuchBucket", () => CopyAsync(id, source: "nobucket/key"));
    }

    [Fact]
    public async Task Handle_BadCopySourceSyntax_ThrowsInvalidArgument()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("InvalidArgument", () => CopyAsync(id, source: "just-a-bucket"));
    }

    [Fact]
    public async Task Handle_UnknownUploadAndBadSource_ThrowsNoSuchUploadFirst()
    {
        await S3Assert.ThrowsAsync("NoSuchUpload", () => CopyAsync("0123456789abcdef0123456789abcdef", source: "just-a-bucket"));
    }

    [Fact]
    public async Task Handle_UploadWithChecksumAlgorithm_ComputesPartChecksum()
    {
        var id = await _f.CreateAsync(algorithm: "SHA256");

        var result = await CopyAsync(id, range: "bytes=0-99");

        var expected = new ChecksumValue(ChecksumAlgorithm.Sha256, ChecksumHasher.ComputeBase64(ChecksumAlgorithm.Sha256, SourceBytes.AsSpan(0, 100)));
        Assert.Equal([expected], result.Checksums);
    }

    [Fact]
    public async Task Handle_SamePartNumberAgain_ReplacesPart()
    {
        var id = await _f.CreateAsync();
        await _f.UploadPartAsync(id, 1, [1, 2, 3]);
        var old = Assert.Single(_f.Store.AllParts()).BlobId;

        await CopyAsync(id, range: "bytes=0-9");

        Assert.Equal(10, Assert.Single(_f.Store.AllParts()).Size);
        Assert.False(_f.Storage.Exists(old));
    }

    [Fact]
    public async Task Handle_SourceOverwrittenAfterItsRowWasRead_CopiesTheNowCurrentVersion()
    {
        var id = await _f.CreateAsync();
        var newer = Bytes(700, 3);
        _f.Storage.BeforeNextRead = () =>
        {
            // An overwrite of the source commits and releases the blob the copy's row named.
            var old = _f.Store.GetObjectAsync(Bucket, SourceKey, default).GetAwaiter().GetResult()!;
            _f.Store.AddObject(old with { Size = newer.Length, ETag = ETag.FromMd5(MD5.HashData(newer)), BlobId = _f.Storage.Put(newer) });
            return _f.Storage.DeleteAsync(Bucket, old.BlobId, default);
        };

        var result = await CopyAsync(id);

        Assert.Equal(ETag.FromMd5(MD5.HashData(newer)), result.ETag);
        Assert.Equal(newer, _f.Storage.Read(Assert.Single(_f.Store.AllParts()).BlobId));
    }

    [Fact]
    public async Task Handle_SourceBytesGoneWhileItsRowStays_InternalError()
    {
        var id = await _f.CreateAsync();
        await _f.Storage.DeleteAsync(Bucket, (await _f.Store.GetObjectAsync(Bucket, SourceKey, default))!.BlobId, default);

        var ex = await Assert.ThrowsAsync<BleepStore.Domain.Errors.S3Exception>(() => CopyAsync(id));

        Assert.Equal("InternalError", ex.Error.Code);
        Assert.Empty(_f.Store.AllParts());
    }

    private Task<UploadPartCopyResult> CopyAsync(string uploadId, int partNumber = 1, string? source = null, string? range = null, ObjectConditions? conditions = null) =>
        _f.Copy.Handle(
            new UploadPartCopyCommand
            {
                Context = Context, Bucket = Bucket, Key = Key, UploadId = uploadId, PartNumber = partNumber,
                CopySource = source ?? "/" + Bucket + "/" + SourceKey, CopySourceRange = range, SourceConditions = conditions ?? ObjectConditions.None,
            },
            default);
}
