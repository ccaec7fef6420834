using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Uploads;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>
/// Multipart races on PostgreSQL, where they are real: two stores on one database (two nodes), each with its own
/// connection pool, and the operations released at once. Checked against the rows left in the database.
/// </summary>
public sealed class PostgresUploadConcurrencyTests : IDisposable
{
    private const int Rounds = 10;

    private readonly string _database;
    private readonly PostgresMetadataStore _nodeA;
    private readonly PostgresMetadataStore _nodeB;

    public PostgresUploadConcurrencyTests()
    {
        _database = PostgresServer.Shared.CreateDatabase();
        _nodeA = new PostgresMetadataStore(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) });
        _nodeB = new PostgresMetadataStore(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) });
    }

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        _nodeA.Dispose();
        _nodeB.Dispose();
        PostgresServer.Shared.DropDatabase(_database);
    }

    [Fact]
    public async Task PutPart_RacingAbort_EveryPartEitherReturnedByTheAbortOrRefused_NoPartRowLeft()
    {
        await _nodeA.TryCreateBucketAsync(Bucket("b1"), Ct);
        for (var round = 0; round < Rounds; round++)
        {
            var uploadId = $"u{round}";
            await _nodeA.CreateUploadAsync(Upload("b1", "k", uploadId), Ct);
            var gate = new TaskCompletionSource();
            var puts = Enumerable.Range(1, 8).Select(n => Run(gate, () => _nodeA.PutPartAsync(Part(uploadId, n, $"{uploadId}-blob-{n}"), Ct))).ToList();
            var abort = Run(gate, () => _nodeB.AbortUploadAsync(uploadId, Ct));
            gate.SetResult();

            var aborted = await abort;
            Assert.NotNull(aborted);
            var returned = aborted.Select(p => p.BlobId).ToHashSet();
            var outcomes = await Task.WhenAll(puts.Select(SettleAsync));
            for (var n = 1; n <= 8; n++)
            {
                var (previous, error) = outcomes[n - 1];
                if (error is null)
                {
                    Assert.Null(previous);
                    Assert.Contains($"{uploadId}-blob-{n}", returned);
                }
                else
                {
                    Assert.Equal("NoSuchUpload", error.Error.Code);
                    Assert.DoesNotContain($"{uploadId}-blob-{n}", returned);
                }
            }

            Assert.Equal(returned.Count, outcomes.Count(o => o.Error is null));
            Assert.Null(await _nodeA.GetUploadAsync(uploadId, Ct));
        }

        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM multipart_parts"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM multipart_uploads"));
    }

    [Fact]
    public async Task PutPart_SamePartNumberRacing_EachReplacedBlobReturnedExactlyOnce()
    {
        await _nodeA.TryCreateBucketAsync(Bucket("b1"), Ct);
        for (var round = 0; round < Rounds; round++)
        {
            var uploadId = $"u{round}";
            await _nodeA.CreateUploadAsync(Upload("b1", "k", uploadId), Ct);
            var gate = new TaskCompletionSource();
            var puts = Enumerable.Range(0, 8)
                .Select(i => Run(gate, () => (i % 2 == 0 ? _nodeA : _nodeB).PutPartAsync(Part(uploadId, 1, $"{uploadId}-blob-{i}"), Ct)))
                .ToList();
            gate.SetResult();
            var previous = await Task.WhenAll(puts);

            // One writer found the number free; every other replaced exactly one earlier row, and the row left is the
            // one nobody replaced: each blob is either returned once (to delete) or still referenced, never both or neither.
            Assert.Single(previous, p => p is null);
            var kept = Assert.Single(await _nodeA.ListPartsAsync(uploadId, 0, 10, Ct));
            var accounted = previous.Where(p => p is not null).Select(p => p!.BlobId).Append(kept.BlobId).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 8).Select(i => $"{uploadId}-blob-{i}").Order(), accounted);
        }
    }

    [Fact]
    public async Task CompleteUpload_TwoRacing_OneCompletesTheOtherSeesNoSuchUploadAndTheRecord()
    {
        await _nodeA.TryCreateBucketAsync(Bucket("b1"), Ct);
        for (var round = 0; round < Rounds; round++)
        {
            var uploadId = $"u{round}";
            await _nodeA.CreateUploadAsync(Upload("b1", "k", uploadId), Ct);
            await _nodeA.PutPartAsync(Part(uploadId, 1, $"{uploadId}-p1"), Ct);
            await _nodeA.PutPartAsync(Part(uploadId, 2, $"{uploadId}-p2"), Ct);
            var final = Object("b1", "k", $"\"{round:x32}-2\"") with { PartsCount = 2 };
            var gate = new TaskCompletionSource();
            var completes = new[] { _nodeA, _nodeB }
                .Select(node => Run(gate, () => node.CompleteUploadAsync(uploadId, final, WriteCondition.None, "digest", Ct)))
                .ToList();
            gate.SetResult();
            var outcomes = await Task.WhenAll(completes.Select(SettleAsync));

            var won = Assert.Single(outcomes, o => o.Error is null).Value;
            Assert.Equal("NoSuchUpload", Assert.Single(outcomes, o => o.Error is not null).Error!.Error.Code);
            Assert.Equal([$"{uploadId}-p1", $"{uploadId}-p2"], won.Parts.Select(p => p.BlobId));
            // The loser (a retried request) finds the completion, and answers from it.
            var record = await _nodeB.GetCompletedUploadAsync(uploadId, Ct);
            Assert.NotNull(record);
            Assert.Equal(("k", final.ETag, "digest"), (record.Key, record.ETag, record.Parts));
            Assert.Equal(final.BlobId, (await _nodeA.GetObjectAsync("b1", "k", Ct))!.BlobId);
        }

        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM multipart_parts"));
    }

    [Fact]
    public async Task PutPart_RacingComplete_EveryPartEitherCompletedOrRefused_NoPartRowLeft()
    {
        await _nodeA.TryCreateBucketAsync(Bucket("b1"), Ct);
        for (var round = 0; round < Rounds; round++)
        {
            var uploadId = $"u{round}";
            await _nodeA.CreateUploadAsync(Upload("b1", $"k{round}", uploadId), Ct);
            var gate = new TaskCompletionSource();
            var puts = Enumerable.Range(1, 8).Select(n => Run(gate, () => _nodeA.PutPartAsync(Part(uploadId, n, $"{uploadId}-blob-{n}"), Ct))).ToList();
            var complete = Run(gate, () => _nodeB.CompleteUploadAsync(uploadId, Object("b1", $"k{round}"), WriteCondition.None, null, Ct));
            gate.SetResult();

            var removed = (await complete).Parts.Select(p => p.BlobId).ToHashSet();
            var outcomes = await Task.WhenAll(puts.Select(SettleAsync));
            for (var n = 1; n <= 8; n++)
            {
                var error = outcomes[n - 1].Error;
                if (error is null)
                {
                    Assert.Contains($"{uploadId}-blob-{n}", removed);
                }
                else
                {
                    Assert.Equal("NoSuchUpload", error.Error.Code);
                }
            }

            Assert.Equal(removed.Count, outcomes.Count(o => o.Error is null));
        }

        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM multipart_parts"));
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM multipart_uploads"));
    }

    /// <summary>Starts <paramref name="action"/> on the thread pool, released with the others by <paramref name="gate"/>.</summary>
    private static Task<T> Run<T>(TaskCompletionSource gate, Func<Task<T>> action) =>
        Task.Run(async () =>
        {
            await gate.Task.ConfigureAwait(false);
            return await action().ConfigureAwait(false);
        });

    /// <summary>The task's result, or the S3 error it failed with (any other failure fails the test).</summary>
    private static async Task<(T Value, S3Exception? Error)> SettleAsync<T>(Task<T> task)
    {
        try
        {
            return (await task, null);
        }
        catch (S3Exception ex)
        {
            return (default!, ex);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(_database) + ";Pooling=false");
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
