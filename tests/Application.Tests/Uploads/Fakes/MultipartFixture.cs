using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Requests;
using BleepStore.Application.Uploads.AbortMultipartUpload;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Application.Uploads.UploadPart;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Access;
using MediatR;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Application.Tests.Uploads.Fakes;

/// <summary>The multipart handlers wired to in-memory ports, plus shortcuts for the common steps.</summary>
internal sealed class MultipartFixture
{
    public const string Bucket = "bkt";
    public const string Key = "big/object.bin";
    public const int MiB = 1024 * 1024;

    public static readonly Owner Alice = new("alice", "alice");

    public MultipartFixture()
    {
        Store.AddBucket(Bucket, Alice);
        Reaper = new BlobReaper(NullLogger<BlobReaper>.Instance);
    }

    public TestMetadataStore Store { get; } = new();

    public InMemoryObjectStorage Storage { get; } = new();

    public TestClock Clock { get; } = new();

    public S3Options Options { get; } = new();

    public BlobReaper Reaper { get; }

    public static S3RequestContext Context => S3RequestContext.Trusted(Alice);

    public CreateMultipartUploadHandler Create => new(Store, Clock);

    public UploadPartHandler Upload => new(Store, Storage, Clock, Options, Reaper);

    public UploadPartCopyHandler Copy => new(Store, Storage, Clock, Options, Reaper);

    public CompleteMultipartUploadHandler Complete => new(Store, Storage, Clock, Reaper);

    public AbortMultipartUploadHandler Abort => new(Store, Storage, Reaper);

    public ListMultipartUploadsHandler ListUploads => new(Store);

    public ListPartsHandler ListParts => new(Store);

    /// <summary>Deterministic, position-dependent bytes, different per seed.</summary>
    public static byte[] Bytes(int size, int seed)
    {
        var data = new byte[size];
        for (var i = 0; i < size; i++)
        {
            data[i] = (byte)((i * 31) + (seed * 17) + (i >> 11));
        }

        return data;
    }

    public async Task<string> CreateAsync(string key = Key, string? algorithm = null, string? type = null)
    {
        var result = await Create.Handle(
            new CreateMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = key, ChecksumAlgorithm = algorithm, ChecksumType = type },
            default);
        return result.UploadId;
    }

    public static UploadPartCommand PartCommand(string uploadId, int partNumber, byte[] data, string key = Key, IReadOnlyDictionary<string, string>? checksumHeaders = null) => new()
    {
        Context = Context,
        Bucket = Bucket,
        Key = key,
        UploadId = uploadId,
        PartNumber = partNumber,
        Body = new MemoryStream(data),
        ContentLength = data.Length,
        ChecksumHeaders = checksumHeaders ?? new Dictionary<string, string>(),
    };

    public Task<UploadPartResult> UploadPartAsync(string uploadId, int partNumber, byte[] data, string key = Key, IReadOnlyDictionary<string, string>? checksumHeaders = null) =>
        Upload.Handle(PartCommand(uploadId, partNumber, data, key, checksumHeaders), default);

    public Task<CompleteMultipartUploadResult> CompleteAsync(string uploadId, params (int PartNumber, string ETag)[] parts) =>
        Complete.Handle(new CompleteMultipartUploadCommand { Context = Context, Bucket = Bucket, Key = Key, UploadId = uploadId, Parts = RequestDocument<IReadOnlyList<(int PartNumber, string ETag)>>.FromValue(parts) }, default);

    public Task<Unit> AbortAsync(string uploadId, string key = Key) =>
        Abort.Handle(new AbortMultipartUploadCommand(Context, Bucket, key, uploadId), default);

    public async Task<byte[]> ReadObjectAsync(string key = Key)
    {
        var record = await Store.GetObjectAsync(Bucket, key, default) ?? throw new InvalidOperationException("no object");
        return Storage.Read(record.BlobId);
    }
}
