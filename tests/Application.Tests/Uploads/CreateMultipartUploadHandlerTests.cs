using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Domain.Access;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class CreateMultipartUploadHandlerTests
{
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task Handle_NewUpload_CapturesWhatTheObjectWillCarry()
    {
        var content = new ContentHeaders("text/plain", CacheControl: "no-cache", ContentDisposition: "attachment");
        var metadata = new Dictionary<string, string> { ["x-amz-meta-author"] = "me" };
        var result = await _f.Create.Handle(
            new CreateMultipartUploadCommand
            {
                Context = Context, Bucket = Bucket, Key = Key, Content = content, UserMetadata = metadata,
                StorageClass = "STANDARD_IA", Acl = new AclRequest(Canned: "public-read"),
            },
            default);

        Assert.Equal((Bucket, Key), (result.Bucket, result.Key));
        var upload = await _f.Store.GetUploadAsync(result.UploadId, default);
        Assert.NotNull(upload);
        Assert.Equal(content, upload.Content);
        Assert.Equal("me", upload.UserMetadata["x-amz-meta-author"]);
        Assert.Equal("STANDARD_IA", upload.StorageClass);
        Assert.Equal(Alice, upload.Initiator);
        Assert.Equal(_f.Clock.UtcNow, upload.Initiated);
        Assert.Contains(upload.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri && g.Permission == Permission.Read);
        Assert.Null(result.ChecksumAlgorithm);
        Assert.Null(result.ChecksumType);
    }

    [Fact]
    public async Task Handle_TwoCalls_ReturnDistinctUrlSafeIds()
    {
        var a = await _f.CreateAsync();
        var b = await _f.CreateAsync();

        Assert.NotEqual(a, b);
        Assert.Matches("^[0-9a-f]{32}$", a);
    }

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucket()
    {
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.Create.Handle(new CreateMultipartUploadCommand { Context = Context, Bucket = "nope", Key = "" }, default));
    }

    [Fact]
    public async Task Handle_KeyTooLong_ThrowsKeyTooLongError()
    {
        await S3Assert.ThrowsAsync("KeyTooLongError", () => _f.CreateAsync(new string('k', 1025)));
    }

    [Fact]
    public async Task Handle_CallerWithoutWrite_ThrowsAccessDenied()
    {
        var command = new CreateMultipartUploadCommand { Context = S3RequestContext.Trusted(new Owner("mallory", "mallory")), Bucket = Bucket, Key = Key };
        await S3Assert.ThrowsAsync("AccessDenied", () => _f.Create.Handle(command, default));
    }

    [Fact]
    public async Task Handle_UnknownStorageClass_ThrowsInvalidStorageClass()
    {
        await S3Assert.ThrowsAsync("InvalidStorageClass", () => _f.Create.Handle(new CreateMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = Key, StorageClass = "COLD" }, default));
    }

    [Theory]
    [InlineData("CRC64NVME", null, ChecksumAlgorithm.Crc64Nvme, "FULL_OBJECT")]
    [InlineData("CRC32", null, ChecksumAlgorithm.Crc32, "COMPOSITE")]
    [InlineData("crc32c", "full_object", ChecksumAlgorithm.Crc32C, "FULL_OBJECT")]
    [InlineData("SHA256", "COMPOSITE", ChecksumAlgorithm.Sha256, "COMPOSITE")]
    [InlineData("SHA1", null, ChecksumAlgorithm.Sha1, "COMPOSITE")]
    public async Task Handle_ChecksumAlgorithm_ResolvesTypeAndStoresIt(string algorithm, string? type, ChecksumAlgorithm expectedAlgorithm, string expectedType)
    {
        var result = await _f.Create.Handle(new CreateMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = Key, ChecksumAlgorithm = algorithm, ChecksumType = type }, default);

        Assert.Equal(expectedAlgorithm, result.ChecksumAlgorithm);
        Assert.Equal(expectedType, result.ChecksumType);
        var upload = await _f.Store.GetUploadAsync(result.UploadId, default);
        Assert.Equal((expectedAlgorithm, expectedType), (upload!.ChecksumAlgorithm, upload.ChecksumType));
    }

    [Theory]
    [InlineData("CRC64NVME", "COMPOSITE")]
    [InlineData("SHA256", "FULL_OBJECT")]
    [InlineData("SHA1", "FULL_OBJECT")]
    [InlineData("MD5", null)]
    [InlineData(null, "COMPOSITE")]
    [InlineData("CRC32", "PARTIAL")]
    public async Task Handle_InvalidChecksumCombination_ThrowsInvalidRequest(string? algorithm, string? type)
    {
        await S3Assert.ThrowsAsync("InvalidRequest", () => _f.CreateAsync(algorithm: algorithm, type: type));
        Assert.Empty(await _f.Store.ListUploadsAsync(Bucket, "", null, null, 10, default));
    }
}
