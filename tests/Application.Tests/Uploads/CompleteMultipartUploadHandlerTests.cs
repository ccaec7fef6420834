using System.Security.Cryptography;
using BleepStore.Application.Requests;
using BleepStore.Application.Streams;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class CompleteMultipartUploadHandlerTests
{
    private const int FiveMiB = 5 * MiB;
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task Handle_ThreeParts_ConcatenatesBytesWithCompositeETag()
    {
        var id = await _f.CreateAsync();
        byte[][] data = [Bytes(FiveMiB, 1), Bytes(FiveMiB, 2), Bytes(1234, 3)];
        var etags = new List<string>();
        for (var i = 0; i < data.Length; i++)
        {
            etags.Add((await _f.UploadPartAsync(id, i + 1, data[i])).ETag);
        }

        _f.Clock.UtcNow = _f.Clock.UtcNow.AddMinutes(5);
        var result = await _f.CompleteAsync(id, (1, etags[0]), (2, etags[1]), (3, etags[2]));

        var expected = "\"" + Convert.ToHexStringLower(MD5.HashData(data.SelectMany(MD5.HashData).ToArray())) + "-3\"";
        Assert.Equal(expected, result.ETag);
        Assert.Equal((Bucket, Key), (result.Bucket, result.Key));
        Assert.Equal(data.SelectMany(d => d).ToArray(), await _f.ReadObjectAsync());
        var obj = await _f.Store.GetObjectAsync(Bucket, Key, default);
        Assert.Equal((expected, 3, (long)(FiveMiB * 2) + 1234, _f.Clock.UtcNow), (obj!.ETag, obj.PartsCount, obj.Size, obj.LastModified));
        Assert.Null(result.Checksum);
        Assert.Empty(obj.Checksums);
    }

    [Fact]
    public async Task Handle_ObjectTakesHeadersMetadataAclAndStorageClassFromCreate()
    {
        var content = new ContentHeaders("image/png", ContentLanguage: "en");
        var upload = await _f.Create.Handle(new()
        {
            Context = Context, Bucket = Bucket, Key = Key, Content = content, StorageClass = "GLACIER_IR",
            UserMetadata = new Dictionary<string, string> { ["x-amz-meta-a"] = "b" }, Acl = new(Canned: "public-read"),
        }, default);
        var part = await _f.UploadPartAsync(upload.UploadId, 1, [1, 2, 3]);

        await _f.CompleteAsync(upload.UploadId, (1, part.ETag));

        var obj = await _f.Store.GetObjectAsync(Bucket, Key, default);
        Assert.Equal(content, obj!.Content);
        Assert.Equal("GLACIER_IR", obj.StorageClass);
        Assert.Equal("b", obj.UserMetadata["x-amz-meta-a"]);
        Assert.Contains(obj.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);
    }

    [Fact]
    public async Task Handle_TagsOfCreate_AppliedAtCompleteNotBefore()
    {
        var upload = await _f.Create.Handle(new() { Context = Context, Bucket = Bucket, Key = Key, Tagging = "b=2&a=1" }, default);
        var part = await _f.UploadPartAsync(upload.UploadId, 1, [1, 2, 3]);
        Assert.Null(await _f.Store.GetObjectAsync(Bucket, Key, default));

        await _f.CompleteAsync(upload.UploadId, (1, part.ETag));

        var obj = await _f.Store.GetObjectAsync(Bucket, Key, default);
        Assert.Equal([new BleepStore.Domain.Tagging.Tag("a", "1"), new BleepStore.Domain.Tagging.Tag("b", "2")], obj!.Tags);
    }

    [Fact]
    public async Task Create_InvalidTaggingHeader_InvalidTagAndNoUpload()
    {
        await S3Assert.ThrowsAsync("InvalidTag", () => _f.Create.Handle(new() { Context = Context, Bucket = Bucket, Key = Key, Tagging = "k=" + new string('v', 257) }, default));

        Assert.Empty(await _f.Store.ListUploadsAsync(Bucket, "", null, null, 10, default));
    }

    [Fact]
    public void CompositeETag_KnownParts_MatchesReferenceValue()
    {
        // md5("part1") = ffc88b4c…, md5("part2") = d067a0fa…; md5 of their 32 binary bytes computed independently.
        PartRecord[] parts = [Part(1, "\"ffc88b4ca90a355f8ddba6b2c3b2af5c\""), Part(2, "d067a0fa9dc61a6e7195ca99696b5a89")];
        Assert.Equal("\"620e8b191a353bdc9189840bb3904928-2\"", BleepStore.Application.Uploads.CompositeETag.Of(parts));
    }

    [Fact]
    public async Task Handle_ETagsWithoutQuotes_Accepted()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [7]);

        var result = await _f.CompleteAsync(id, (1, p.ETag.Trim('"')));

        Assert.EndsWith("-1\"", result.ETag);
    }

    [Fact]
    public async Task Handle_UnlistedParts_DiscardedAndAllPartBlobsDeleted()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        await _f.UploadPartAsync(id, 2, Bytes(100, 2));
        var p3 = await _f.UploadPartAsync(id, 3, Bytes(100, 3));
        var partBlobs = _f.Store.AllParts().Select(p => p.BlobId).ToList();

        await _f.CompleteAsync(id, (1, p1.ETag), (3, p3.ETag));

        Assert.Equal(Bytes(FiveMiB, 1).Concat(Bytes(100, 3)).ToArray(), await _f.ReadObjectAsync());
        Assert.Empty(_f.Store.AllParts());
        Assert.All(partBlobs, b => Assert.False(_f.Storage.Exists(b)));
        var obj = await _f.Store.GetObjectAsync(Bucket, Key, default);
        Assert.Equal([obj!.BlobId], _f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_RetriedAfterSuccess_AnswersAsTheFirstDid()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);
        var first = await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));
        var blobs = _f.Storage.BlobIds.ToHashSet();
        _f.Clock.UtcNow = _f.Clock.UtcNow.AddMinutes(10);

        var again = await _f.CompleteAsync(id, (1, p1.ETag.Trim('"')), (2, p2.ETag.ToUpperInvariant()));

        Assert.Equal(first, again);
        Assert.Equal(blobs, _f.Storage.BlobIds.ToHashSet());
        Assert.Equal(Bytes(FiveMiB, 1).Append((byte)2).ToArray(), await _f.ReadObjectAsync());
        Assert.Equal(1, _f.Store.CompleteCalls);
    }

    [Theory]
    [InlineData(null, "COMPOSITE")]
    [InlineData("FULL_OBJECT", "FULL_OBJECT")]
    public async Task Handle_RetriedWithChecksum_AnswersTheChecksumAndItsType(string? type, string expected)
    {
        var id = await _f.CreateAsync(algorithm: "CRC32", type: type);
        var p = await _f.UploadPartAsync(id, 1, [1]);
        var first = await _f.CompleteAsync(id, (1, p.ETag));

        var again = await _f.CompleteAsync(id, (1, p.ETag));

        Assert.Equal(expected, first.ChecksumType);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Handle_UploadWithChecksumAlgorithm_ObjectKeepsEachPartsChecksum_WithoutNone()
    {
        var id = await _f.CreateAsync(algorithm: "CRC32");
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);
        await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));

        var parts = (await _f.Store.GetObjectAsync(Bucket, Key, default))!.PartChecksums;

        Assert.Equal([p1.Checksums.Single(c => c.Algorithm == ChecksumAlgorithm.Crc32), p2.Checksums.Single(c => c.Algorithm == ChecksumAlgorithm.Crc32)], parts);
        var plain = await _f.CreateAsync("plain");
        var q = await _f.UploadPartAsync(plain, 1, [3], key: "plain");
        await _f.Complete.Handle(new CompleteMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = "plain", UploadId = plain, Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([(1, q.ETag)]) }, default);
        Assert.Empty((await _f.Store.GetObjectAsync(Bucket, "plain", default))!.PartChecksums);
    }

    [Fact]
    public async Task Handle_RetriedWithAnotherPartsList_ThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);
        await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p1.ETag)));
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p1.ETag), (2, p1.ETag)));
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id));
    }

    [Fact]
    public async Task Handle_RetriedAfterTheKeyChanged_ThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [1]);
        await _f.CompleteAsync(id, (1, p.ETag));
        _f.Store.AddObject(Object(_f.Storage.Put([9])));

        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p.ETag)));

        await _f.Store.DeleteObjectAsync(Bucket, Key, default);
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p.ETag)));
    }

    [Fact]
    public async Task Handle_RetriedForAnotherKey_ThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [1]);
        await _f.CompleteAsync(id, (1, p.ETag));

        var other = new CompleteMultipartUploadCommand
        {
            Context = Context,
            Bucket = Bucket,
            Key = "other",
            UploadId = id,
            Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([(1, p.ETag)]),
        };
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.Complete.Handle(other, default));
    }

    [Fact]
    public async Task Handle_SameCompleteTwiceAtOnce_TheSecondAnswersAsTheFirst()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [1]);
        CompleteMultipartUploadResult? first = null;

        // The other request commits while this one assembles.
        _f.Store.BeforeComplete = async () =>
        {
            _f.Store.BeforeComplete = null;
            first = await _f.CompleteAsync(id, (1, p.ETag));
        };
        var second = await _f.CompleteAsync(id, (1, p.ETag));

        Assert.Equal(first, second);
        Assert.Single(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_ExistingObject_ReplacedAndItsBlobDeleted()
    {
        var oldBlob = _f.Storage.Put([1, 2, 3]);
        _f.Store.AddObject(Object(oldBlob));
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [4]);

        await _f.CompleteAsync(id, (1, p.ETag));

        Assert.False(_f.Storage.Exists(oldBlob));
        Assert.Equal([4], await _f.ReadObjectAsync());
    }

    [Fact]
    public async Task Handle_NoFullObjectChecksum_StorageJoinsThePartsItself()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);

        await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));

        var row = await _f.Store.GetObjectAsync(Bucket, Key, default);
        Assert.Equal([row!.BlobId], _f.Storage.ConcatenatedBlobs);
    }

    [Fact]
    public async Task Handle_FullObjectChecksum_StreamsOnePartAtATime()
    {
        var id = await _f.CreateAsync(algorithm: "CRC32", type: "FULL_OBJECT");
        var parts = new List<(int, string)>();
        for (var n = 1; n <= 3; n++)
        {
            parts.Add((n, (await _f.UploadPartAsync(id, n, Bytes(n == 3 ? 10 : FiveMiB, n))).ETag));
        }

        await _f.CompleteAsync(id, [.. parts]);

        Assert.Equal(1, _f.Storage.MaxOpenReads);
        Assert.Empty(_f.Storage.ConcatenatedBlobs);
    }

    [Fact]
    public async Task Handle_JoinedBlobShorterThanParts_ThrowsInternalErrorAndLeavesNothing()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2, 3]);
        _f.Storage.TruncateConcatenations = true;

        await S3Assert.ThrowsAsync("InternalError", () => _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag)));

        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
        Assert.Null(await _f.Store.GetObjectAsync(Bucket, Key, default));
        Assert.Equal(2, _f.Storage.BlobIds.Count);
    }

    [Fact]
    public async Task Handle_PartBlobMissing_ThrowsInternalErrorAndKeepsUpload()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);
        await _f.Storage.DeleteAsync(Bucket, _f.Store.AllParts().Single(p => p.PartNumber == 2).BlobId, default);

        await S3Assert.ThrowsAsync("InternalError", () => _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag)));

        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
        Assert.Null(await _f.Store.GetObjectAsync(Bucket, Key, default));
        Assert.Single(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_UploadGoneBeforeCommit_ThrowsNoSuchUploadAndDeletesAssembledBlob()
    {
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [1]);
        var before = _f.Storage.BlobIds.ToHashSet();

        // Another Complete (or an Abort) removes the upload while this one assembles.
        _f.Store.BeforeComplete = () => _f.Store.AbortUploadAsync(id, default);
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, p.ETag)));

        Assert.Equal(before, _f.Storage.BlobIds.ToHashSet());
        Assert.Null(await _f.Store.GetObjectAsync(Bucket, Key, default));
    }

    // ---- the validation table, in order ----

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucketBeforeNoSuchUpload()
    {
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.Complete.Handle(new CompleteMultipartUploadCommand { Context = Context, Bucket = "nope", Key = Key, UploadId = "x", Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([]) }, default));
    }

    [Fact]
    public async Task Handle_UnknownUploadAndEmptyParts_ThrowsNoSuchUploadBeforeMalformedXml()
    {
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public async Task Handle_UploadOfAnotherKey_ThrowsNoSuchUpload()
    {
        var id = await _f.CreateAsync("another");
        await S3Assert.ThrowsAsync("NoSuchUpload", () => _f.CompleteAsync(id, (1, "\"x\"")));
    }

    [Fact]
    public async Task Handle_NoParts_ThrowsMalformedXml()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("MalformedXML", () => _f.CompleteAsync(id));
    }

    [Fact]
    public async Task Handle_PartWithoutETag_ThrowsMalformedXmlBeforeOrderCheck()
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("MalformedXML", () => _f.CompleteAsync(id, (2, "\"a\""), (1, "")));
    }

    [Theory]
    [InlineData(new[] { 2, 1 })]
    [InlineData(new[] { 1, 1 })]
    [InlineData(new[] { 1, 3, 2 })]
    public async Task Handle_NotStrictlyAscending_ThrowsInvalidPartOrderBeforeInvalidPart(int[] numbers)
    {
        var id = await _f.CreateAsync();
        await S3Assert.ThrowsAsync("InvalidPartOrder", () => _f.CompleteAsync(id, [.. numbers.Select(n => (n, "\"never-uploaded\""))]));
    }

    [Fact]
    public async Task Handle_PartNeverUploaded_ThrowsInvalidPart()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));

        await S3Assert.ThrowsAsync("InvalidPart", () => _f.CompleteAsync(id, (1, p1.ETag), (2, p1.ETag)));
        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
    }

    [Fact]
    public async Task Handle_ETagMismatch_ThrowsInvalidPartBeforeEntityTooSmall()
    {
        var id = await _f.CreateAsync();
        var small = await _f.UploadPartAsync(id, 1, [1]);
        await _f.UploadPartAsync(id, 2, [2]);

        await S3Assert.ThrowsAsync("InvalidPart", () => _f.CompleteAsync(id, (1, small.ETag), (2, small.ETag)));
    }

    [Fact]
    public async Task Handle_NonLastPartUnder5MiB_ThrowsEntityTooSmallAndKeepsUpload()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB - 1, 1));
        var p2 = await _f.UploadPartAsync(id, 2, [2]);

        await S3Assert.ThrowsAsync("EntityTooSmall", () => _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag)));

        Assert.Equal(2, _f.Store.AllParts().Count);
        Assert.Null(await _f.Store.GetObjectAsync(Bucket, Key, default));
        Assert.Equal(2, _f.Storage.BlobIds.Count);
    }

    [Fact]
    public async Task Handle_Exactly5MiBAndTinyLastPart_Succeeds()
    {
        var id = await _f.CreateAsync();
        var p1 = await _f.UploadPartAsync(id, 1, Bytes(FiveMiB, 1));
        var p2 = await _f.UploadPartAsync(id, 2, []);

        var result = await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));

        Assert.EndsWith("-2\"", result.ETag);
    }

    [Fact]
    public async Task Handle_SmallPartAndTotalOver5TiB_ThrowsEntityTooSmallFirst()
    {
        var id = await _f.CreateAsync();
        await AddPartRowAsync(id, 1, 10);
        await AddPartRowAsync(id, 2, 5L * 1024 * 1024 * 1024 * 1024);

        await S3Assert.ThrowsAsync("EntityTooSmall", () => _f.CompleteAsync(id, (1, PartETag), (2, PartETag)));
    }

    [Fact]
    public async Task Handle_TotalOver5TiB_ThrowsEntityTooLargeWithoutReadingParts()
    {
        var id = await _f.CreateAsync();
        await AddPartRowAsync(id, 1, 5L * 1024 * 1024 * 1024);
        await AddPartRowAsync(id, 2, (5L * 1024 * 1024 * 1024 * 1024) - (5L * 1024 * 1024 * 1024) + 1);

        await S3Assert.ThrowsAsync("EntityTooLarge", () => _f.CompleteAsync(id, (1, PartETag), (2, PartETag)));
        Assert.Equal(0, _f.Storage.MaxOpenReads);
        Assert.Equal(0, _f.Store.CompleteCalls);
    }

    // ---- conditional Complete ----

    [Fact]
    public async Task Handle_IfNoneMatchStarAndKeyExists_ThrowsPreconditionFailedAndKeepsUpload()
    {
        _f.Store.AddObject(Object(_f.Storage.Put([1])));
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [2]);

        await S3Assert.ThrowsAsync("PreconditionFailed", () => _f.Complete.Handle(new CompleteMultipartUploadCommand
        {
            Context = Context, Bucket = Bucket, Key = Key, UploadId = id, Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([(1, p.ETag)]), IfNoneMatch = "*",
        }, default));

        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
        Assert.Equal(2, _f.Storage.BlobIds.Count);
    }

    [Fact]
    public async Task Handle_StoreRejectsIfMatch_DeletesAssembledBlobAndKeepsUpload()
    {
        _f.Store.AddObject(Object(_f.Storage.Put([1])));
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [2]);

        await S3Assert.ThrowsAsync("PreconditionFailed", () => _f.Complete.Handle(new CompleteMultipartUploadCommand
        {
            Context = Context, Bucket = Bucket, Key = Key, UploadId = id, Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([(1, p.ETag)]), IfMatch = "\"not-the-etag\"",
        }, default));

        Assert.Equal(1, _f.Store.CompleteCalls);
        Assert.NotNull(await _f.Store.GetUploadAsync(id, default));
        Assert.Equal(2, _f.Storage.BlobIds.Count);
    }

    [Fact]
    public async Task Handle_IfMatchCurrentETag_Succeeds()
    {
        _f.Store.AddObject(Object(_f.Storage.Put([1])));
        var id = await _f.CreateAsync();
        var p = await _f.UploadPartAsync(id, 1, [2]);

        await _f.Complete.Handle(new CompleteMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = Key, UploadId = id, Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue([(1, p.ETag)]), IfMatch = "\"old\"" }, default);

        Assert.Equal([2], await _f.ReadObjectAsync());
    }

    // ---- checksums ----

    [Theory]
    [InlineData("CRC32", ChecksumAlgorithm.Crc32)]
    [InlineData("CRC32C", ChecksumAlgorithm.Crc32C)]
    [InlineData("SHA1", ChecksumAlgorithm.Sha1)]
    [InlineData("SHA256", ChecksumAlgorithm.Sha256)]
    public async Task Handle_CompositeChecksum_IsChecksumOfPartChecksumsWithCount(string name, ChecksumAlgorithm algorithm)
    {
        var id = await _f.CreateAsync(algorithm: name);
        byte[][] data = [Bytes(FiveMiB, 1), Bytes(300, 2)];
        var p1 = await _f.UploadPartAsync(id, 1, data[0]);
        var p2 = await _f.UploadPartAsync(id, 2, data[1]);

        var result = await _f.CompleteAsync(id, (1, p1.ETag), (2, p2.ETag));

        var raw = data.SelectMany(d => Convert.FromBase64String(ChecksumHasher.ComputeBase64(algorithm, d))).ToArray();
        var expected = new ChecksumValue(algorithm, ChecksumHasher.ComputeBase64(algorithm, raw) + "-2");
        Assert.Equal(expected, result.Checksum);
        Assert.Equal("COMPOSITE", result.ChecksumType);
        Assert.Equal([expected], (await _f.Store.GetObjectAsync(Bucket, Key, default))!.Checksums);
    }

    [Theory]
    [InlineData("CRC64NVME", null, ChecksumAlgorithm.Crc64Nvme)]
    [InlineData("CRC32", "FULL_OBJECT", ChecksumAlgorithm.Crc32)]
    [InlineData("CRC32C", "FULL_OBJECT", ChecksumAlgorithm.Crc32C)]
    public async Task Handle_FullObjectChecksum_IsChecksumOfAllBytes(string name, string? type, ChecksumAlgorithm algorithm)
    {
        var id = await _f.CreateAsync(algorithm: name, type: type);
        byte[][] data = [Bytes(FiveMiB, 5), Bytes(FiveMiB, 6), Bytes(77, 7)];
        var etags = new List<(int, string)>();
        for (var i = 0; i < data.Length; i++)
        {
            etags.Add((i + 1, (await _f.UploadPartAsync(id, i + 1, data[i])).ETag));
        }

        var result = await _f.CompleteAsync(id, [.. etags]);

        var expected = new ChecksumValue(algorithm, ChecksumHasher.ComputeBase64(algorithm, data.SelectMany(d => d).ToArray()));
        Assert.Equal(expected, result.Checksum);
        Assert.Equal("FULL_OBJECT", result.ChecksumType);
        Assert.Equal([expected], (await _f.Store.GetObjectAsync(Bucket, Key, default))!.Checksums);
    }

    private const string PartETag = "\"0123456789abcdef0123456789abcdef\"";

    private static PartRecord Part(int number, string etag) => new()
    {
        UploadId = "u", PartNumber = number, Size = 1, ETag = etag, LastModified = DateTimeOffset.UnixEpoch, BlobId = "b" + number,
    };

    private Task AddPartRowAsync(string uploadId, int number, long size) =>
        _f.Store.PutPartAsync(Part(number, PartETag) with { UploadId = uploadId, Size = size }, default);

    private static ObjectRecord Object(string blobId) => new()
    {
        Bucket = Bucket, Key = Key, Size = 1, ETag = "\"old\"", Content = ContentHeaders.Default, Acl = AccessControlList.Private(Alice),
        LastModified = DateTimeOffset.UnixEpoch, BlobId = blobId,
    };
}
