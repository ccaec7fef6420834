using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Tests.TestSupport;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Sqlite;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteMetadataStore _store;

    public SqliteGroupCommitTests() => _store = new SqliteMetadataStore(Path.Combine(_directory.Path, "metadata.db"));

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task PutObjectAsync_ConcurrentPuts_CommitInFewerTransactions()
    {
        await _store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var before = _store.CommitCount;
        using var gate = new ManualResetEventSlim();
        var blocker = _store.BlockWriterForTests(gate);

        var puts = Enumerable.Range(0, 32).Select(i => _store.PutObjectAsync(Object("b1", $"k{i:D2}"), WriteCondition.None, Ct)).ToArray();
        gate.Set();
        await blocker;
        await Task.WhenAll(puts);

        // The blocker's batch plus (at most) one batch for all 32 puts queued behind it.
        Assert.InRange(_store.CommitCount - before, 1, 2);
        Assert.Equal(32, (await _store.CountAsync(Ct)).Objects);
    }

    [Fact]
    public async Task PutObjectAsync_FailingOpsInBatch_FailAloneAndOthersCommit()
    {
        await _store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await _store.PutObjectAsync(Object("b1", "exists"), WriteCondition.None, Ct);
        var before = _store.CommitCount;
        using var gate = new ManualResetEventSlim();
        var blocker = _store.BlockWriterForTests(gate);

        var first = _store.PutObjectAsync(Object("b1", "a"), WriteCondition.None, Ct);
        var precondition = _store.PutObjectAsync(Object("b1", "exists", "\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\""), new WriteCondition(true, null), Ct);
        var noBucket = _store.PutObjectAsync(Object("missing", "k"), WriteCondition.None, Ct);
        var noUpload = _store.PutPartAsync(Part("no-such-upload", 1), Ct);
        var last = _store.PutObjectAsync(Object("b1", "z"), WriteCondition.None, Ct);
        gate.Set();
        await blocker;

        Assert.Null((await first).Replaced);
        Assert.Null((await last).Replaced);
        Assert.Equal("PreconditionFailed", (await Assert.ThrowsAsync<S3Exception>(() => precondition)).Error.Code);
        Assert.Equal("NoSuchBucket", (await Assert.ThrowsAsync<S3Exception>(() => noBucket)).Error.Code);
        Assert.Equal("NoSuchUpload", (await Assert.ThrowsAsync<S3Exception>(() => noUpload)).Error.Code);
        Assert.NotNull(await _store.GetObjectAsync("b1", "a", Ct));
        Assert.NotNull(await _store.GetObjectAsync("b1", "z", Ct));
        Assert.Equal("\"0123456789abcdef0123456789abcdef\"", (await _store.GetObjectAsync("b1", "exists", Ct))!.ETag);
        Assert.Equal(3, (await _store.CountAsync(Ct)).Objects);
        Assert.InRange(_store.CommitCount - before, 1, 2);
    }

    [Fact]
    public async Task PutObjectAsync_CancelledWhileQueued_IsCancelledAndNotWritten()
    {
        await _store.TryCreateBucketAsync(Bucket("b1"), Ct);
        using var gate = new ManualResetEventSlim();
        using var cts = new CancellationTokenSource();
        var blocker = _store.BlockWriterForTests(gate);

        var put = _store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, cts.Token);
        await cts.CancelAsync();
        gate.Set();
        await blocker;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put);
        Assert.Null(await _store.GetObjectAsync("b1", "k", Ct));
    }

    [Fact]
    public async Task Dispose_WithQueuedWrites_RunsThemFirst()
    {
        await _store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var puts = Enumerable.Range(0, 16).Select(i => _store.PutObjectAsync(Object("b1", $"k{i}"), WriteCondition.None, Ct)).ToArray();

        _store.Dispose();

        await Task.WhenAll(puts);
        using var reopened = new SqliteMetadataStore(Path.Combine(_directory.Path, "metadata.db"));
        Assert.Equal(16, (await reopened.CountAsync(Ct)).Objects);
    }
}
