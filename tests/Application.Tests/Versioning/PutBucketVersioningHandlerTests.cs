using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets.PutBucketVersioning;
using BleepStore.Application.Objects;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Objects;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Errors;
using Microsoft.Extensions.Logging.Abstractions;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Versioning;

public sealed class PutBucketVersioningHandlerTests
{
    private readonly ObjectHandlerFixture _f = new();

    private static RequestDocument<VersioningConfiguration> Document(string status, string? mfa = null) =>
        new(new MemoryStream([]), 0, (_, _) => ValueTask.FromResult(new VersioningConfiguration(status, mfa)));

    [Fact]
    public async Task Enabled_ThenSuspended_StoredOnTheBucket()
    {
        var handler = new PutBucketVersioningHandler(_f.Store);

        await handler.Handle(new PutBucketVersioningCommand(Context, Bucket, Document("Enabled")), default);
        Assert.Equal("Enabled", (await _f.Store.GetBucketAsync(Bucket, default))!.Versioning);
        await handler.Handle(new PutBucketVersioningCommand(Context, Bucket, Document("Suspended", "Disabled")), default);
        Assert.Equal("Suspended", (await _f.Store.GetBucketAsync(Bucket, default))!.Versioning);
    }

    [Fact]
    public async Task MfaDeleteEnabled_AccessDeniedWithoutMfa_NotImplementedWithIt_NothingChanges()
    {
        var handler = new PutBucketVersioningHandler(_f.Store);

        await S3Assert.ThrowsAsync("AccessDenied", () => handler.Handle(new PutBucketVersioningCommand(Context, Bucket, Document("Enabled", "Enabled")), default));
        await S3Assert.ThrowsAsync("NotImplemented", () => handler.Handle(new PutBucketVersioningCommand(Context, Bucket, Document("Enabled", "Enabled"), "serial 123456"), default));

        Assert.Null((await _f.Store.GetBucketAsync(Bucket, default))!.Versioning);
    }

    [Fact]
    public async Task NotTheOwner_AccessDenied() =>
        await S3Assert.ThrowsAsync("AccessDenied", () => new PutBucketVersioningHandler(_f.Store).Handle(new PutBucketVersioningCommand(As(Bob), Bucket, Document("Enabled")), default));

    [Fact]
    public async Task KeyNamedGateway_NotImplemented_NothingChanges()
    {
        var keys = new KeyPublisher(_f.Store, new KeyNamedStorage(_f.Storage), new TestClock(), NullLogger<KeyPublisher>.Instance);
        Assert.True(keys.Enabled);

        var ex = await Assert.ThrowsAsync<S3Exception>(() => new PutBucketVersioningHandler(_f.Store, keys).Handle(new PutBucketVersioningCommand(Context, Bucket, Document("Enabled")), default));

        Assert.Equal(("NotImplemented", 501), (ex.Error.Code, ex.Error.HttpStatus));
        Assert.Null((await _f.Store.GetBucketAsync(Bucket, default))!.Versioning);
    }

    /// <summary>Storage that says it names upstream objects by key (decision 0010); bytes go to the in-memory fake.</summary>
    internal sealed class KeyNamedStorage(InMemoryObjectStorage inner) : IObjectStorage, IKeyNamedStorage
    {
        public string Name => "key-named";

        public bool KeyNames => true;

        // Blobs written or copied "under a key" (the in-place paths) are key-named; every other id is a staging blob.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _keyNamed = new();

        public string? KeyOf(string blobId) => _keyNamed.TryGetValue(blobId, out var key) ? key : null;

        public Task<string> PublishAsync(string bucket, string key, string stagedBlobId, CancellationToken ct) => Task.FromResult(stagedBlobId);

        public Task UnpublishAsync(string bucket, string key, CancellationToken ct) => Task.CompletedTask;

        public Task<StoredBlob> ConcatenateToKeyAsync(string bucket, string key, IReadOnlyList<string> blobIds, CancellationToken ct) => inner.ConcatenateAsync(bucket, blobIds, ct);

        public Task<StoredBlob> WriteToKeyAsync(string bucket, string key, Stream data, CancellationToken ct) => inner.WriteAsync(bucket, data, ct);

        /// <summary>Calls of <see cref="CopyToKeyAsync"/> (a CopyObject in place).</summary>
        public int KeyCopies;

        public async Task<StoredBlob> CopyToKeyAsync(string sourceBucket, string sourceBlobId, string bucket, string key, CancellationToken ct)
        {
            Interlocked.Increment(ref KeyCopies);
            var copy = await inner.CopyAsync(sourceBucket, sourceBlobId, bucket, ct);
            _keyNamed[copy.BlobId] = key;
            return copy;
        }

        public Task<StoredBlob> WriteAsync(string bucket, Stream data, CancellationToken ct) => inner.WriteAsync(bucket, data, ct);

        public Task<Stream> OpenReadAsync(string bucket, string blobId, long offset, long? length, CancellationToken ct) => inner.OpenReadAsync(bucket, blobId, offset, length, ct);

        public Task DeleteAsync(string bucket, string blobId, CancellationToken ct) => inner.DeleteAsync(bucket, blobId, ct);

        public Task<StoredBlob> ConcatenateAsync(string bucket, IReadOnlyList<string> blobIds, CancellationToken ct) => inner.ConcatenateAsync(bucket, blobIds, ct);

        public Task CreateBucketAsync(string bucket, CancellationToken ct) => inner.CreateBucketAsync(bucket, ct);

        public Task DeleteBucketAsync(string bucket, CancellationToken ct) => inner.DeleteBucketAsync(bucket, ct);

        public Task CheckHealthAsync(CancellationToken ct) => inner.CheckHealthAsync(ct);

        public Task RecoverAsync(CancellationToken ct) => inner.RecoverAsync(ct);
    }
}
