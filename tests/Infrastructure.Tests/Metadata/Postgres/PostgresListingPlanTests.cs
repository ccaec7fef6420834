using System.Text;
using BleepStore.Domain.Objects;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>
/// Listings read the primary key / idx_versions_order as one index range in listing order, never a sort or a scan of
/// the bucket (a 1000-key page of a 1M-key bucket must stay a few milliseconds), and stored keys keep byte order.
/// </summary>
public sealed class PostgresListingPlanTests : IDisposable
{
    private readonly string _database = PostgresServer.Shared.CreateDatabase();

    public void Dispose() => PostgresServer.Shared.DropDatabase(_database);

    [Fact]
    public async Task ListingQueries_OnThousandsOfRows_UseTheirIndexWithoutASort()
    {
        using (new PostgresMetadataStore(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) }))
        {
        }

        await using var c = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(_database));
        await c.OpenAsync();
        await using (var seed = new NpgsqlCommand(
            """
            INSERT INTO buckets (name, owner_id, created_at) VALUES ('b', 'o', '2026-01-01T00:00:00.000Z'), ('c', 'o', '2026-01-01T00:00:00.000Z');
            INSERT INTO objects (bucket, key, size, etag, last_modified, blob_id)
                SELECT b, 'k' || lpad(i::text, 6, '0'), 1, '"e"', '2026-01-01T00:00:00.000Z', '' FROM generate_series(1, 20000) i, (VALUES ('b'), ('c')) AS t(b);
            INSERT INTO object_versions (bucket, key, seq, size, etag, last_modified, blob_id)
                SELECT b, 'k' || lpad((i / 2)::text, 6, '0'), i % 2, 1, '"e"', '2026-01-01T00:00:00.000Z', '' FROM generate_series(1, 20000) i, (VALUES ('b'), ('c')) AS t(b);
            ANALYZE;
            """, c))
        {
            await seed.ExecuteNonQueryAsync();
        }

        var (current, noncurrent, keyAfter) = PostgresMetadataStore.ListVersionsSqlForTests();
        (string Sql, string Index)[] cases =
        [
            (PostgresMetadataStore.ListObjectsSqlFor(lower: false, upper: false), "objects_pkey"),
            (PostgresMetadataStore.ListObjectsSqlFor(lower: true, upper: true), "objects_pkey"),
            (current, "objects_pkey"),
            (noncurrent, "idx_versions_order"),
            (keyAfter, "idx_versions_order"),
        ];
        foreach (var (sql, index) in cases)
        {
            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, c);
            explain.Parameters.AddWithValue("bucket", "b");
            explain.Parameters.AddWithValue("lower", "k001000");
            explain.Parameters.AddWithValue("upper", "k02");
            explain.Parameters.AddWithValue("key", "k001000");
            explain.Parameters.AddWithValue("seq", 5L);
            explain.Parameters.AddWithValue("limit", 1001);
            var plan = new StringBuilder();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.AppendLine(reader.GetString(0));
                }
            }

            var text = plan.ToString();
            Assert.Contains(index, text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PostgresKeys_EncodeKeepsByteOrderAndPrefixesAndRoundTrips()
    {
        var random = new Random(13);
        var alphabet = new[] { "\0", "\u0001", "\u0002", "a", "é", "\uffff", "😀", "/" };
        var keys = Enumerable.Range(0, 2000)
            .Select(_ => string.Concat(Enumerable.Range(0, random.Next(0, 6)).Select(_ => alphabet[random.Next(alphabet.Length)])))
            .Append("plain-key")
            .ToList();

        foreach (var key in keys)
        {
            var stored = PostgresKeys.Encode(key);
            Assert.DoesNotContain('\0', stored);
            Assert.Equal(key, PostgresKeys.Decode(stored));
        }

        Assert.Same("plain-key", PostgresKeys.Encode("plain-key"));
        for (var i = 1; i < keys.Count; i++)
        {
            var (x, y) = (keys[i - 1], keys[i]);
            Assert.Equal(Math.Sign(Utf8Order.Instance.Compare(x, y)), Math.Sign(Utf8Order.Instance.Compare(PostgresKeys.Encode(x), PostgresKeys.Encode(y))));
            Assert.Equal(y.StartsWith(x, StringComparison.Ordinal), PostgresKeys.Encode(y).StartsWith(PostgresKeys.Encode(x), StringComparison.Ordinal));
        }
    }
}
