using BleepStore.Infrastructure.Metadata.Sqlite;
using BleepStore.Infrastructure.Tests.TestSupport;
using Dapper;

namespace BleepStore.Infrastructure.Tests.Metadata.Sqlite;

/// <summary>ListObjectVersions reads both tables as index range scans in listing order, never a sort (decision 0014).</summary>
public sealed class SqliteVersionListingPlanTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("SELECT key, seq FROM object_versions WHERE bucket = 'b' AND key > 'a' AND key < 'z' ORDER BY key, seq DESC LIMIT 1001", "idx_versions_order")]
    [InlineData("SELECT key, seq FROM object_versions WHERE bucket = 'b' AND key = 'k' AND seq < 5 ORDER BY seq DESC LIMIT 1001", "idx_versions_order")]
    [InlineData("SELECT seq FROM object_versions WHERE bucket = 'b' AND key = 'k' AND version_id IS 'v'", "idx_versions_")]
    [InlineData("SELECT key, seq FROM objects WHERE bucket = 'b' AND key > 'a' ORDER BY key LIMIT 1001", "sqlite_autoindex_objects_1")]
    public void VersionQueries_UseTheirIndexWithoutASort(string sql, string index)
    {
        using var store = new SqliteMetadataStore(Path.Combine(_dir.Path, "m.db"));
        using var lease = store.RentReaderForTests();

        var plan = string.Join("\n", lease.Connection.Query<(long, long, long, string)>("EXPLAIN QUERY PLAN " + sql).Select(r => r.Item4));

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN", plan.Replace("SEARCH", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
