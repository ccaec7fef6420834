using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>
/// What PostgreSQL's locks must give that SQLite's single writer gives for free: several stores (as several nodes)
/// over one database, racing on one key or one bucket.
/// </summary>
public sealed class PostgresObjectConcurrencyTests : IDisposable
{
    private const int Writers = 16;

    private readonly string _database = PostgresServer.Shared.CreateDatabase();
    private readonly PostgresMetadataStore[] _nodes;

    public PostgresObjectConcurrencyTests()
    {
        // Four stores, four connection pools: as four nodes sharing the database.
        _nodes = [.. Enumerable.Range(0, 4).Select(_ => new PostgresMetadataStore(new PostgresOptions { ConnectionString = ConnectionString }))];
    }

    private string ConnectionString => PostgresServer.Shared.ConnectionString(_database);

    private static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        PostgresServer.Shared.DropDatabase(_database);
    }

    [Fact]
    public async Task PutObjectAsync_IfNoneMatchRacers_ExactlyOneWins()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("b1"), Ct);

        var outcomes = await RaceAsync(i => _nodes[i % _nodes.Length].PutObjectAsync(
            Object("b1", "k", $"\"{i:D32}\""), new WriteCondition(true, null), Ct));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(S3Errors.PreconditionFailed.Code, o!.Error.Code));
        var winner = Enumerable.Range(0, Writers).Single(i => outcomes[i] is null);
        Assert.Equal($"\"{winner:D32}\"", (await _nodes[1].GetObjectAsync("b1", "k", Ct))!.ETag);
    }

    [Fact]
    public async Task PutObjectAsync_IfMatchRacersOnOneETag_ExactlyOneWins()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("b1"), Ct);
        const string first = "\"00000000000000000000000000000000\"";
        await _nodes[0].PutObjectAsync(Object("b1", "k", first), WriteCondition.None, Ct);

        // Each racer replaces the ETag it expects: only the first to commit still finds it.
        var outcomes = await RaceAsync(i => _nodes[i % _nodes.Length].PutObjectAsync(
            Object("b1", "k", $"\"{i + 1:D32}\""), new WriteCondition(false, first), Ct));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(S3Errors.PreconditionFailed.Code, o!.Error.Code));
    }

    [Fact]
    public async Task PutObjectAsync_VersionedRacers_EveryVersionKeptInCommitOrder()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("v1"), Ct);
        Assert.True(await _nodes[0].SetBucketVersioningAsync("v1", VersionIds.Enabled, Ct));
        var made = new string?[Writers];

        var outcomes = await RaceAsync(async i =>
            made[i] = (await _nodes[i % _nodes.Length].PutObjectAsync(Object("v1", "k", $"\"{i:D32}\""), WriteCondition.None, Ct)).VersionId);

        Assert.All(outcomes, o => Assert.Null(o));
        var versions = await _nodes[2].ListObjectVersionsAsync("v1", "", null, false, null, 100, Ct);
        Assert.Equal(Writers, versions.Count);
        Assert.Equal(made.Order(StringComparer.Ordinal), versions.Select(v => v.Record.VersionId).Order(StringComparer.Ordinal));
        Assert.Equal([true, .. Enumerable.Repeat(false, Writers - 1)], versions.Select(v => v.IsLatest));
        Assert.Equal(versions[0].Record.VersionId, (await _nodes[3].GetObjectAsync("v1", "k", Ct))!.VersionId);

        // Newest first means by sequence: descending and gap-free, one per write.
        await using var c = new NpgsqlConnection(ConnectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT seq FROM objects WHERE bucket = 'v1' UNION ALL SELECT seq FROM object_versions WHERE bucket = 'v1' ORDER BY 1", c);
        var seqs = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                seqs.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(0, Writers).Select(i => (long)i), seqs);
    }

    [Fact]
    public async Task DeleteObjectsAsync_OverlappingKeySetsInOppositeOrders_AllFinish()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("v1"), Ct);
        Assert.True(await _nodes[0].SetBucketVersioningAsync("v1", VersionIds.Enabled, Ct));
        string[] keys = [.. Enumerable.Range(0, 40).Select(i => $"k{i:D2}")];

        // Versioned multi-deletes write a marker per key under each key's lock: opposite orders would deadlock without a global lock order.
        var outcomes = await RaceAsync(i => _nodes[i % _nodes.Length].DeleteObjectsAsync(
            "v1", i % 2 == 0 ? keys : [.. keys.Reverse()], Ct));

        Assert.All(outcomes, o => Assert.Null(o));
        var versions = await _nodes[1].ListObjectVersionsAsync("v1", "", null, false, null, 10_000, Ct);
        Assert.Equal(keys.Length * Writers, versions.Count);
        Assert.All(versions, v => Assert.True(v.Record.IsDeleteMarker));
    }

    [Fact]
    public async Task DeleteBucketAsync_RacingPuts_NeverLosesAnAcknowledgedObject()
    {
        for (var round = 0; round < 20; round++)
        {
            var bucket = $"race{round}";
            await _nodes[0].TryCreateBucketAsync(Bucket(bucket), Ct);
            var deleted = DeleteBucketOutcome.NotFound;
            var outcomes = await RaceAsync(async i =>
            {
                if (i == 0)
                {
                    deleted = await _nodes[0].DeleteBucketAsync(bucket, [], Ct);
                }
                else
                {
                    await _nodes[i % _nodes.Length].PutObjectAsync(Object(bucket, $"k{i}"), WriteCondition.None, Ct);
                }
            });

            var acknowledged = Enumerable.Range(1, Writers - 1).Where(i => outcomes[i] is null).ToList();
            Assert.All(Enumerable.Range(1, Writers - 1).Where(i => outcomes[i] is not null), i => Assert.Equal("NoSuchBucket", outcomes[i]!.Error.Code));
            if (deleted == DeleteBucketOutcome.Deleted)
            {
                Assert.Empty(acknowledged);
                Assert.Null(await _nodes[1].GetBucketAsync(bucket, Ct));
            }
            else
            {
                Assert.Equal(DeleteBucketOutcome.NotEmpty, deleted);
                Assert.NotEmpty(acknowledged);
                foreach (var i in acknowledged)
                {
                    Assert.NotNull(await _nodes[1].GetObjectAsync(bucket, $"k{i}", Ct));
                }
            }
        }
    }

    [Fact]
    public async Task SetBucketVersioningAsync_RacingPuts_EachPutAppliesOneStateWholly()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("v1"), Ct);
        await _nodes[0].PutObjectAsync(Object("v1", "k"), WriteCondition.None, Ct);

        var outcomes = await RaceAsync(async i =>
        {
            if (i == 0)
            {
                await _nodes[0].SetBucketVersioningAsync("v1", VersionIds.Enabled, Ct);
            }
            else
            {
                await _nodes[i % _nodes.Length].PutObjectAsync(Object("v1", "k", $"\"{i:D32}\""), WriteCondition.None, Ct);
            }
        });

        // Unversioned puts replaced the null version in place; once Enabled, each put archived the one before it.
        // Whatever the interleaving: one current row, every noncurrent one distinct, at most one null version.
        Assert.All(outcomes, o => Assert.Null(o));
        var versions = await _nodes[1].ListObjectVersionsAsync("v1", "", null, false, null, 100, Ct);
        Assert.Single(versions, v => v.IsLatest);
        Assert.True(versions.Count(v => v.Record.VersionId is null) <= 1);
        Assert.Equal(versions.Count, versions.Select(v => v.Record.VersionId ?? "null").Distinct().Count());
        Assert.Equal(versions[0].Record.ETag, (await _nodes[2].GetObjectAsync("v1", "k", Ct))!.ETag);
    }

    [Fact]
    public async Task PutObjectAsync_WhileABucketChangeHoldsTheBucketsLock_WaitsUntilItEnds()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("held"), Ct);
        await using var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(PostgresMetadataStore.LockBucketExclusive, other, tx))
        {
            command.Parameters.AddWithValue("name", "held");
            await command.ExecuteNonQueryAsync();
        }

        var put = _nodes[1].PutObjectAsync(Object("held", "k"), WriteCondition.None, Ct);
        var conditional = _nodes[2].PutObjectAsync(Object("held", "k2"), new WriteCondition(true, null), Ct);
        await Task.Delay(300);
        Assert.False(put.IsCompleted);
        Assert.False(conditional.IsCompleted);

        await tx.CommitAsync();
        await put.WaitAsync(TimeSpan.FromSeconds(10));
        await conditional.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotNull(await _nodes[3].GetObjectAsync("held", "k2", Ct));
    }

    [Fact]
    public async Task SetBucketVersioningAsync_WhileAnObjectWriteHoldsTheBucketsLockShared_WaitsUntilItEnds()
    {
        await _nodes[0].TryCreateBucketAsync(Bucket("shared"), Ct);
        await using var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync();
        await using var tx = await other.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(PostgresMetadataStore.LockBucketShared, other, tx))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = "shared" });
            await command.ExecuteNonQueryAsync();
        }

        // Writes share the lock; a change to the bucket waits for them, and so does a delete.
        await _nodes[1].PutObjectAsync(Object("shared", "k"), WriteCondition.None, Ct).WaitAsync(TimeSpan.FromSeconds(10));
        var change = _nodes[2].SetBucketVersioningAsync("shared", VersionIds.Enabled, Ct);
        var delete = _nodes[3].DeleteBucketAsync("shared", [], Ct);
        await Task.Delay(300);
        Assert.False(change.IsCompleted);
        Assert.False(delete.IsCompleted);

        await tx.CommitAsync();
        Assert.True(await change.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(DeleteBucketOutcome.NotEmpty, await delete.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Starts <see cref="Writers"/> calls at once; for each, null when it succeeded, else its S3 error.</summary>
    private static async Task<S3Exception?[]> RaceAsync(Func<int, Task> call)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await call(i);
                return null;
            }
            catch (S3Exception ex)
            {
                return ex;
            }
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
