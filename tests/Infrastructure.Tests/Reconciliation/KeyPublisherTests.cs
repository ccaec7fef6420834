using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Metadata.Memory;
using BleepStore.Infrastructure.Storage.Memory;
using BleepStore.Infrastructure.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Infrastructure.Tests.Reconciliation;

/// <summary>
/// The key publisher (decision 0010) on the real memory metadata store and a key-named fake gateway: publication,
/// overwrite, delete, and start-up reconciliation of each state a kill -9 can leave (a claim with the row staged,
/// the key's name already overwritten, the row gone, the row already published).
/// </summary>
public sealed class KeyPublisherTests
{
    private const string B = "b";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly MemoryMetadataStore _store = new();
    private readonly KeyNamedFakeStorage _storage = new();
    private readonly KeyPublisher _keys;
    private readonly BlobReaper _reaper;

    public KeyPublisherTests()
    {
        _store.TryCreateBucketAsync(Records.Bucket(B), Ct).GetAwaiter().GetResult();
        _keys = new KeyPublisher(_store, _storage, SystemClock.Instance, NullLogger<KeyPublisher>.Instance);
        _reaper = new BlobReaper(NullLogger<BlobReaper>.Instance, _keys);
    }

    [Fact]
    public async Task SyncAsync_StagedRow_CopiedToKeyRowRepointedStagingDeleted()
    {
        await PutStagedAsync("dir/k é", [1, 2, 3]);

        await _keys.SyncAsync(B, "dir/k é", Ct);

        var row = await RowAsync("dir/k é");
        Assert.Equal("dir/k é", _keys.KeyOf(row.BlobId));
        Assert.Equal([1, 2, 3], _storage.Upstream(B, "dir/k é"));
        Assert.Equal([1, 2, 3], await ReadAsync(row));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Overwrite_OldRowsIdNoLongerReads_NewRowReadsNewBytes()
    {
        await WriteAsync("k", [1]);
        var first = await RowAsync("k");

        await WriteAsync("k", [2, 2]);

        var second = await RowAsync("k");
        Assert.Equal([2, 2], _storage.Upstream(B, "k"));
        Assert.Equal([2, 2], await ReadAsync(second));
        await Assert.ThrowsAsync<BlobNotFoundException>(() => _storage.OpenReadAsync(B, first.BlobId, 0, null, Ct));
        Assert.Equal(0, _storage.StagingBlobs);
    }

    [Fact]
    public async Task Delete_KeyNamedRow_UpstreamNameRemoved()
    {
        await WriteAsync("k", [1]);

        var deleted = await _store.DeleteObjectAsync(B, "k", Ct);
        await _reaper.DeleteAsync(_storage, B, deleted!.BlobId);

        Assert.Null(_storage.Upstream(B, "k"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Release_OfAnOlderRowAfterANewerOneWasPublished_KeepsTheNewerBytes()
    {
        await WriteAsync("k", [1]);
        var old = await RowAsync("k");
        await WriteAsync("k", [2]);

        // A late release of the first row's id (a delete racing an overwrite) must not remove the newer object.
        await _reaper.DeleteAsync(_storage, B, old.BlobId);

        Assert.Equal([2], _storage.Upstream(B, "k"));
        Assert.Equal([2], await ReadAsync(await RowAsync("k")));
    }

    [Fact]
    public async Task Reconcile_CrashAfterCopyBeforeRepoint_RollsForward()
    {
        var staged = await PutStagedAsync("k", [7, 7]);
        await _store.TryClaimKeyAsync(B, "k", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _storage.PublishAsync(B, "k", staged, Ct);

        Assert.Equal(1, await _keys.ReconcileClaimsAsync(null, Ct));

        var row = await RowAsync("k");
        Assert.Equal("k", _keys.KeyOf(row.BlobId));
        Assert.Equal([7, 7], await ReadAsync(row));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashBeforeCopyWithOldBytesUpstream_PublishesTheRowsBytes()
    {
        _storage.PutUpstream(B, "k", [1, 1, 1]);
        await PutStagedAsync("k", [9]);
        await _store.TryClaimKeyAsync(B, "k", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Equal([9], _storage.Upstream(B, "k"));
        Assert.Equal([9], await ReadAsync(await RowAsync("k")));
    }

    [Fact]
    public async Task Reconcile_CrashDuringDelete_RowGone_RollsBackTheUpstreamName()
    {
        _storage.PutUpstream(B, "k", [1]);
        await _store.TryClaimKeyAsync(B, "k", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Null(_storage.Upstream(B, "k"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashAfterRepoint_RowPublished_NothingChanges()
    {
        await WriteAsync("k", [5]);
        var row = await RowAsync("k");
        await _store.TryClaimKeyAsync(B, "k", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Equal(row.BlobId, (await RowAsync("k")).BlobId);
        Assert.Equal([5], await ReadAsync(row));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task ReconcileWithLease_LiveClaim_LeftAloneButExpiredOneTakenOver()
    {
        await PutStagedAsync("live", [1]);
        await PutStagedAsync("expired", [2]);
        await _store.TryClaimKeyAsync(B, "live", "writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _store.TryClaimKeyAsync(B, "expired", "dead", DateTimeOffset.UtcNow - TimeSpan.FromHours(1), DateTimeOffset.MinValue, Ct);

        Assert.Equal(1, await _keys.ReconcileClaimsAsync(KeyPublisher.ClaimLease, Ct));

        Assert.Null(_storage.Upstream(B, "live"));
        Assert.Equal([2], _storage.Upstream(B, "expired"));
        Assert.Equal("live", Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).Key);
    }

    [Fact]
    public async Task SyncAsync_UpstreamFails_RowStaysReadableAndClaimIsLeftForReconciliation()
    {
        await PutStagedAsync("k", [4]);
        _storage.FailNextPublish = new S3Exception(S3Errors.ServiceUnavailable, "upstream down");

        await _keys.SyncAsync(B, "k", Ct);

        var row = await RowAsync("k");
        Assert.Null(_keys.KeyOf(row.BlobId));
        Assert.Equal([4], await ReadAsync(row));
        Assert.Single(await _store.ListKeyClaimsAsync(10, Ct));

        await _keys.ReconcileClaimsAsync(null, Ct);
        Assert.Equal([4], _storage.Upstream(B, "k"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task SyncAsync_UpstreamRefusesTheNameWithItsOwnException_LoggedNotThrown_RowStaysReadable()
    {
        await PutStagedAsync("k", [4]);
        _storage.FailNextPublish = new InvalidDataException("an SDK's own exception: the name is too long upstream");

        await _keys.SyncAsync(B, "k", Ct);

        var row = await RowAsync("k");
        Assert.Null(_keys.KeyOf(row.BlobId));
        Assert.Equal([4], await ReadAsync(row));
        Assert.Single(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task KeyTheUpstreamCannotName_StaysOnItsStagingBlob_AndNeverTouchesTheFoldedName()
    {
        await WriteAsync("a", [1]);
        await WriteAsync("a/", [2, 2]);

        var slash = await RowAsync("a/");
        Assert.Null(_keys.KeyOf(slash.BlobId));
        Assert.Equal([2, 2], await ReadAsync(slash));
        Assert.Null(await _keys.CompleteInPlaceAsync(B, "a/", [await StageAsync([3])], joined => CommitAsync("a/", joined), Ct));

        var deleted = await _store.DeleteObjectAsync(B, "a/", Ct);
        await _reaper.DeleteAsync(_storage, B, deleted!.BlobId);

        Assert.Equal([1], _storage.Upstream(B, "a"));
        Assert.Equal([1], await ReadAsync(await RowAsync("a")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task ConcurrentWritesOfOneKey_EndWithTheLastCommittedRowPublished()
    {
        await Task.WhenAll(Enumerable.Range(1, 16).Select(i => Task.Run(() => WriteAsync("hot", [(byte)i, (byte)i, (byte)i]))));

        var row = await RowAsync("hot");
        var bytes = await ReadAsync(row);
        Assert.Equal("hot", _keys.KeyOf(row.BlobId));
        Assert.Equal(row.ETag, ETagOf(bytes));
        Assert.Equal(bytes, _storage.Upstream(B, "hot"));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Sweep_RowLeftStagedByACrashBeforeItsClaim_IsPublished()
    {
        await PutStagedAsync("k", [3], DateTimeOffset.UtcNow - TimeSpan.FromHours(2));
        var reconciler = new StorageReconciler(_store, _storage, _reaper, SystemClock.Instance, NullLogger<StorageReconciler>.Instance, _keys);

        await reconciler.SweepOrphansAsync(TimeSpan.FromHours(1), Ct);

        Assert.Equal([3], _storage.Upstream(B, "k"));
        Assert.Equal("k", _keys.KeyOf((await RowAsync("k")).BlobId));
    }

    [Fact]
    public async Task StartUp_RowJustCommittedStagedWithNoClaim_IsPublishedWhereTheSweepWaitsForItsGrace()
    {
        // kill -9 after the PUT's commit and before its claim: a young staged row, no claim, the older bytes under the name.
        await WriteAsync("k", [1]);
        await PutStagedAsync("k", [2, 2]);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
        var reconciler = new StorageReconciler(_store, _storage, _reaper, SystemClock.Instance, NullLogger<StorageReconciler>.Instance, _keys);

        await reconciler.SweepOrphansAsync(TimeSpan.FromHours(1), Ct);
        Assert.Equal([1], _storage.Upstream(B, "k"));

        Assert.Equal(1, await reconciler.PublishStagedRowsAsync(Ct));

        var row = await RowAsync("k");
        Assert.Equal("k", _keys.KeyOf(row.BlobId));
        Assert.Equal([2, 2], _storage.Upstream(B, "k"));
        Assert.Equal([2, 2], await ReadAsync(row));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
        Assert.Equal(0, await reconciler.PublishStagedRowsAsync(Ct));
    }

    [Fact]
    public async Task CompleteInPlace_NewKey_PartsJoinedIntoTheKeyRowNamesItNoStagingCopy()
    {
        var parts = new[] { await StageAsync([1, 2]), await StageAsync([3]) };

        var row = await _keys.CompleteInPlaceAsync(B, "mpu", parts, joined => CommitAsync("mpu", joined), Ct);

        Assert.NotNull(row);
        Assert.Equal("mpu", _keys.KeyOf(row.BlobId));
        Assert.Equal([1, 2, 3], _storage.Upstream(B, "mpu"));
        Assert.Equal([1, 2, 3], await ReadAsync(await RowAsync("mpu")));
        Assert.Equal(2, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CompleteInPlace_KeyAlreadyPublished_DeclinesAndLeavesTheOlderObjectWhole()
    {
        await WriteAsync("mpu", [7]);
        var committed = false;

        var row = await _keys.CompleteInPlaceAsync(B, "mpu", [await StageAsync([1])], joined =>
        {
            committed = true;
            return CommitAsync("mpu", joined);
        }, Ct);

        Assert.Null(row);
        Assert.False(committed);
        Assert.Equal([7], _storage.Upstream(B, "mpu"));
        Assert.Equal([7], await ReadAsync(await RowAsync("mpu")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CompleteInPlace_CommitRefused_NoRow_TheKeysNameIsRemovedAgain()
    {
        var parts = new[] { await StageAsync([1]) };

        await Assert.ThrowsAsync<S3Exception>(() => _keys.CompleteInPlaceAsync<Domain.Objects.ObjectRecord>(
            B, "mpu", parts, _ => throw new S3Exception(S3Errors.PreconditionFailed), Ct));

        Assert.Null(_storage.Upstream(B, "mpu"));
        Assert.Null(await _store.GetObjectAsync(B, "mpu", Ct));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CompleteInPlace_JoinFailsAfterWritingTheName_DeclinesAndTheRowsBytesArePublished()
    {
        await PutStagedAsync("mpu", [8, 8]);
        _storage.FailNextJoinAfterWrite = new InvalidDataException("the upstream refused the name");
        var committed = false;

        var done = await _keys.CompleteInPlaceAsync(B, "mpu", [], joined =>
        {
            committed = true;
            return CommitAsync("mpu", joined);
        }, Ct);

        Assert.Null(done);
        Assert.False(committed);

        var row = await RowAsync("mpu");
        Assert.Equal("mpu", _keys.KeyOf(row.BlobId));
        Assert.Equal([8, 8], _storage.Upstream(B, "mpu"));
        Assert.Equal([8, 8], await ReadAsync(row));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashAfterInPlaceJoinBeforeItsCommit_KeysNameRolledBackToTheRow()
    {
        await PutStagedAsync("mpu", [4]);
        await _store.TryClaimKeyAsync(B, "mpu", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _storage.ConcatenateToKeyAsync(B, "mpu", [await StageAsync([5, 5, 5])], Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Equal([4], _storage.Upstream(B, "mpu"));
        Assert.Equal([4], await ReadAsync(await RowAsync("mpu")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_NewKey_BodyWrittenUnderTheKey_RowNamesIt_NoStagingBlobNoClaim()
    {
        var row = await _keys.WriteInPlaceAsync(B, "put", new MemoryStream([1, 2, 3]), written => CommitPutAsync("put", written), Ct);

        Assert.NotNull(row);
        Assert.Equal("put", _keys.KeyOf(row.BlobId));
        Assert.Equal([1, 2, 3], _storage.Upstream(B, "put"));
        Assert.Equal([1, 2, 3], await ReadAsync(await RowAsync("put")));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_RowStillNamesAStagingBlob_WrittenInPlaceAndTheStagingBlobReleased()
    {
        await PutStagedAsync("put", [8]);

        var row = await _keys.WriteInPlaceAsync(B, "put", new MemoryStream([4, 4]), written => CommitPutAsync("put", written), Ct);

        Assert.NotNull(row);
        Assert.Equal([4, 4], _storage.Upstream(B, "put"));
        Assert.Equal([4, 4], await ReadAsync(await RowAsync("put")));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_KeyAlreadyPublished_DeclinesWithoutReadingTheBody_OlderObjectWhole()
    {
        await WriteAsync("put", [7]);
        var body = new MemoryStream([1, 2]);

        var row = await _keys.WriteInPlaceAsync(B, "put", body, written => CommitPutAsync("put", written), Ct);

        Assert.Null(row);
        Assert.Equal(0, body.Position);
        Assert.Equal(0, _storage.KeyWrites);
        Assert.Equal([7], _storage.Upstream(B, "put"));
        Assert.Equal([7], await ReadAsync(await RowAsync("put")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_KeyClaimedByAnotherWriter_DeclinesAtOnceWithoutReadingTheBody()
    {
        await _store.TryClaimKeyAsync(B, "put", "other", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        var body = new MemoryStream([1]);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var row = await _keys.WriteInPlaceAsync(B, "put", body, written => CommitPutAsync("put", written), Ct);

        Assert.Null(row);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"waited {started.Elapsed}");
        Assert.Equal(0, body.Position);
        Assert.Equal("other", Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).Token);
    }

    [Fact]
    public async Task WriteInPlace_KeyTheUpstreamCannotName_Declines()
    {
        Assert.Null(await _keys.WriteInPlaceAsync(B, "a/", new MemoryStream([1]), written => CommitPutAsync("a/", written), Ct));
        Assert.Equal(0, _storage.KeyWrites);
    }

    [Fact]
    public async Task WriteInPlace_CommitRefused_NoRow_TheKeysNameIsRemovedAgain()
    {
        await Assert.ThrowsAsync<S3Exception>(() => _keys.WriteInPlaceAsync<Domain.Objects.ObjectRecord>(
            B, "put", new MemoryStream([1]), _ => throw new S3Exception(S3Errors.PreconditionFailed), Ct));

        Assert.Equal(1, _storage.KeyWrites);
        Assert.Null(_storage.Upstream(B, "put"));
        Assert.Null(await _store.GetObjectAsync(B, "put", Ct));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_CommitRefused_StagedRow_TheRowsBytesArePublished()
    {
        await PutStagedAsync("put", [6, 6]);

        await Assert.ThrowsAsync<S3Exception>(() => _keys.WriteInPlaceAsync<Domain.Objects.ObjectRecord>(
            B, "put", new MemoryStream([1]), _ => throw new S3Exception(S3Errors.PreconditionFailed), Ct));

        var row = await RowAsync("put");
        Assert.Equal("put", _keys.KeyOf(row.BlobId));
        Assert.Equal([6, 6], _storage.Upstream(B, "put"));
        Assert.Equal([6, 6], await ReadAsync(row));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_WriteFailsAfterTheNameWasWritten_ErrorPropagates_NameRemovedNothingCommitted()
    {
        _storage.FailNextKeyWriteAfterWrite = new IOException("connection reset");
        var committed = false;

        await Assert.ThrowsAsync<IOException>(() => _keys.WriteInPlaceAsync(B, "put", new MemoryStream([1]), written =>
        {
            committed = true;
            return CommitPutAsync("put", written);
        }, Ct));

        Assert.False(committed);
        Assert.Null(_storage.Upstream(B, "put"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_NewKey_PublishedSourceCopiedUnderTheKey_RowNamesIt_NoStagingBlobNoClaim()
    {
        await WriteAsync("src", [1, 2, 3]);
        var source = await RowAsync("src");

        var row = await _keys.CopyInPlaceAsync(B, source.BlobId, B, "copy", copied => CommitPutAsync("copy", copied), Ct);

        Assert.NotNull(row);
        Assert.Equal("copy", _keys.KeyOf(row.BlobId));
        Assert.Equal(1, _storage.KeyCopies);
        Assert.Equal([1, 2, 3], _storage.Upstream(B, "copy"));
        Assert.Equal([1, 2, 3], await ReadAsync(await RowAsync("copy")));
        Assert.Equal([1, 2, 3], await ReadAsync(await RowAsync("src")));
        Assert.Equal(0, _storage.StagingBlobs);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_StagedSource_RowStillNamesAStagingBlob_CopiedInPlaceAndTheReplacedStagingBlobReleased()
    {
        var source = await StageAsync([9, 9]);
        await PutStagedAsync("copy", [8]);

        var row = await _keys.CopyInPlaceAsync(B, source, B, "copy", copied => CommitPutAsync("copy", copied), Ct);

        Assert.NotNull(row);
        Assert.Equal([9, 9], _storage.Upstream(B, "copy"));
        Assert.Equal([9, 9], await ReadAsync(await RowAsync("copy")));
        Assert.Equal(1, _storage.StagingBlobs); // the source's own blob, which no row here names but the caller owns
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_KeyAlreadyPublished_Declines_OlderObjectWhole()
    {
        await WriteAsync("src", [1]);
        await WriteAsync("copy", [7]);

        var row = await _keys.CopyInPlaceAsync(B, (await RowAsync("src")).BlobId, B, "copy", copied => CommitPutAsync("copy", copied), Ct);

        Assert.Null(row);
        Assert.Equal(0, _storage.KeyCopies);
        Assert.Equal([7], _storage.Upstream(B, "copy"));
        Assert.Equal([7], await ReadAsync(await RowAsync("copy")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_KeyClaimedByAnotherWriter_DeclinesAtOnce()
    {
        await WriteAsync("src", [1]);
        await _store.TryClaimKeyAsync(B, "copy", "other", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);

        Assert.Null(await _keys.CopyInPlaceAsync(B, (await RowAsync("src")).BlobId, B, "copy", copied => CommitPutAsync("copy", copied), Ct));

        Assert.Equal(0, _storage.KeyCopies);
        Assert.Equal("other", Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).Token);
    }

    [Fact]
    public async Task CopyInPlace_SourceOverwrittenSinceItsRowWasRead_BlobNotFoundPropagates_NothingCommittedNoName()
    {
        await WriteAsync("src", [1]);
        var stale = await RowAsync("src");
        await WriteAsync("src", [2]);

        await Assert.ThrowsAsync<BlobNotFoundException>(() => _keys.CopyInPlaceAsync(B, stale.BlobId, B, "copy", copied => CommitPutAsync("copy", copied), Ct));

        Assert.Null(_storage.Upstream(B, "copy"));
        Assert.Null(await _store.GetObjectAsync(B, "copy", Ct));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_CommitRefused_NoRow_TheKeysNameIsRemovedAgain()
    {
        await WriteAsync("src", [1]);
        var source = await RowAsync("src");

        await Assert.ThrowsAsync<S3Exception>(() => _keys.CopyInPlaceAsync<Domain.Objects.ObjectRecord>(
            B, source.BlobId, B, "copy", _ => throw new S3Exception(S3Errors.PreconditionFailed), Ct));

        Assert.Equal(1, _storage.KeyCopies);
        Assert.Null(_storage.Upstream(B, "copy"));
        Assert.Null(await _store.GetObjectAsync(B, "copy", Ct));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task CopyInPlace_UpstreamFailsAfterTheNameWasWritten_Declines_NameRolledBackToTheStagedRow()
    {
        await WriteAsync("src", [1]);
        await PutStagedAsync("copy", [6, 6]);
        _storage.FailNextCopyToKeyAfterWrite = new IOException("connection reset");

        var row = await _keys.CopyInPlaceAsync(B, (await RowAsync("src")).BlobId, B, "copy", copied => CommitPutAsync("copy", copied), Ct);

        Assert.Null(row); // the caller copies through a staging blob instead
        var current = await RowAsync("copy");
        Assert.Equal("copy", _keys.KeyOf(current.BlobId));
        Assert.Equal([6, 6], _storage.Upstream(B, "copy"));
        Assert.Equal([6, 6], await ReadAsync(current));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashAfterInPlaceCopyBeforeItsCommit_NoRow_KeysNameRemoved()
    {
        await WriteAsync("src", [1]);
        await _store.TryClaimKeyAsync(B, "copy", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _storage.CopyToKeyAsync(B, (await RowAsync("src")).BlobId, B, "copy", Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Null(_storage.Upstream(B, "copy"));
        Assert.Equal([1], _storage.Upstream(B, "src"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashAfterInPlaceWriteBeforeItsCommit_NoRow_KeysNameRemoved()
    {
        await _store.TryClaimKeyAsync(B, "put", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _storage.WriteToKeyAsync(B, "put", new MemoryStream([5, 5]), Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Null(_storage.Upstream(B, "put"));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task Reconcile_CrashAfterInPlaceWriteBeforeItsCommit_StagedRow_KeysNameRolledBackToTheRow()
    {
        await PutStagedAsync("put", [4]);
        await _store.TryClaimKeyAsync(B, "put", "dead-writer", DateTimeOffset.UtcNow, DateTimeOffset.MinValue, Ct);
        await _storage.WriteToKeyAsync(B, "put", new MemoryStream([5, 5]), Ct);

        await _keys.ReconcileClaimsAsync(null, Ct);

        Assert.Equal([4], _storage.Upstream(B, "put"));
        Assert.Equal([4], await ReadAsync(await RowAsync("put")));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_LongWrite_ClaimRenewedWhileTheBodyStreams()
    {
        var keys = new KeyPublisher(_store, _storage, SystemClock.Instance, NullLogger<KeyPublisher>.Instance) { ClaimRenewal = TimeSpan.FromMilliseconds(20) };
        DateTimeOffset? claimedAt = null;
        _storage.BeforeNextKeyWrite = async () =>
        {
            // The body "streams" until the claim was renewed (every 20 ms), or 10 s: a fixed 400 ms wait failed when a
            // busy test run's thread pool ran the renewal's timer late.
            var first = Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).ClaimedAt;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            do
            {
                await Task.Delay(50, Ct);
                claimedAt = Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).ClaimedAt;
            }
            while (claimedAt <= first && DateTime.UtcNow < deadline);

            Assert.True(claimedAt > first, $"claim at {first:O} not renewed within 10 s: {claimedAt:O}");
        };

        var row = await keys.WriteInPlaceAsync(B, "put", new MemoryStream([1]), written => CommitPutAsync("put", written), Ct);

        Assert.NotNull(claimedAt);
        Assert.Equal([1], await ReadAsync(row!));
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task WriteInPlace_ClaimTakenOverWhileTheBodyStreams_FailsNothingCommittedNewHolderKept()
    {
        var keys = new KeyPublisher(_store, _storage, SystemClock.Instance, NullLogger<KeyPublisher>.Instance) { ClaimRenewal = TimeSpan.FromMilliseconds(20) };
        _storage.BeforeNextKeyWrite = async () =>
        {
            // Another node took the claim over (this one stalled past the lease): the next renewal finds it gone.
            await _store.TryClaimKeyAsync(B, "put", "thief", DateTimeOffset.UtcNow, DateTimeOffset.MaxValue, Ct);
            await Task.Delay(400, Ct);
        };
        var committed = false;

        var error = await Assert.ThrowsAsync<S3Exception>(() => keys.WriteInPlaceAsync(B, "put", new MemoryStream([1]), written =>
        {
            committed = true;
            return CommitPutAsync("put", written);
        }, Ct));

        Assert.Equal("InternalError", error.Error.Code);
        Assert.False(committed);
        Assert.Equal(0, _storage.KeyWrites);
        Assert.Null(await _store.GetObjectAsync(B, "put", Ct));
        Assert.Equal("thief", Assert.Single(await _store.ListKeyClaimsAsync(10, Ct)).Token);
    }

    [Fact]
    public async Task StorageWrappedForMetrics_KeyNamesStillPublished()
    {
        using var metrics = new Application.Diagnostics.BleepStoreMetrics("key-publisher-test");
        var keys = new KeyPublisher(_store, new Application.Diagnostics.InstrumentedObjectStorage(_storage, metrics), SystemClock.Instance, NullLogger<KeyPublisher>.Instance);
        await PutStagedAsync("k", [6]);

        await keys.SyncAsync(B, "k", Ct);

        Assert.True(keys.Enabled);
        Assert.Equal([6], _storage.Upstream(B, "k"));
    }

    [Fact]
    public async Task OtherBackends_NothingHappens()
    {
        var memory = new MemoryObjectStorage();
        var keys = new KeyPublisher(_store, memory, SystemClock.Instance, NullLogger<KeyPublisher>.Instance);
        var blob = await memory.WriteAsync(B, new MemoryStream([1]), Ct);
        await _store.PutObjectAsync(Records.Object(B, "k") with { BlobId = blob.BlobId, Size = 1 }, WriteCondition.None, Ct);

        await keys.SyncAsync(B, "k", Ct);

        Assert.False(keys.Enabled);
        Assert.Equal(blob.BlobId, (await RowAsync("k")).BlobId);
        Assert.Empty(await _store.ListKeyClaimsAsync(10, Ct));
    }

    private static string ETagOf(byte[] data) => "\"" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(data)) + "\"";

    /// <summary>A write as the handlers do it: staging blob, row commit, release of the replaced row, publication.</summary>
    private async Task WriteAsync(string key, byte[] data)
    {
        var blob = await _storage.WriteAsync(B, new MemoryStream(data), Ct);
        var replaced = (await _store.PutObjectAsync(Records.Object(B, key, ETagOf(data), data.Length) with { BlobId = blob.BlobId }, WriteCondition.None, Ct)).Replaced;
        if (replaced is not null)
        {
            await _reaper.DeleteAsync(_storage, B, replaced.BlobId);
        }

        await _keys.SyncAsync(B, key, Ct);
    }

    private async Task<string> StageAsync(byte[] data) => (await _storage.WriteAsync(B, new MemoryStream(data), Ct)).BlobId;

    /// <summary>A Complete's commit: the row names the joined blob.</summary>
    private async Task<Domain.Objects.ObjectRecord> CommitAsync(string key, StoredBlob joined)
    {
        var record = Records.Object(B, key, "\"mpu-2\"", joined.Size) with { BlobId = joined.BlobId };
        await _store.PutObjectAsync(record, WriteCondition.None, Ct);
        return record;
    }

    /// <summary>A PUT's commit in place: the row names the written blob; the replaced row's bytes are released.</summary>
    private async Task<Domain.Objects.ObjectRecord> CommitPutAsync(string key, StoredBlob written)
    {
        var record = Records.Object(B, key, "\"put\"", written.Size) with { BlobId = written.BlobId };
        var replaced = (await _store.PutObjectAsync(record, WriteCondition.None, Ct)).Replaced;
        if (replaced is not null)
        {
            await _reaper.DeleteAsync(_storage, B, replaced.BlobId);
        }

        return record;
    }

    private async Task<string> PutStagedAsync(string key, byte[] data, DateTimeOffset? at = null)
    {
        var blob = await _storage.WriteAsync(B, new MemoryStream(data), Ct);
        var record = Records.Object(B, key, ETagOf(data), data.Length) with { BlobId = blob.BlobId, LastModified = at ?? DateTimeOffset.UtcNow };
        await _store.PutObjectAsync(record, WriteCondition.None, Ct);
        return blob.BlobId;
    }

    private async Task<Domain.Objects.ObjectRecord> RowAsync(string key) => await _store.GetObjectAsync(B, key, Ct) ?? throw new InvalidOperationException("no row");

    private async Task<byte[]> ReadAsync(Domain.Objects.ObjectRecord row)
    {
        await using var stream = await _storage.OpenReadAsync(B, row.BlobId, 0, null, Ct);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}
