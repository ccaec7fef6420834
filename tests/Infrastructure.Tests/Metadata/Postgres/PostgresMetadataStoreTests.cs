using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Metadata.Postgres;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Metadata.Postgres;

/// <summary>The metadata contract on a real PostgreSQL: one fresh database per test.</summary>
public sealed class PostgresMetadataStoreTests : MetadataStoreContract
{
    private string? _database;

    protected override IMetadataStore CreateStore(string directory)
    {
        _database = PostgresServer.Shared.CreateDatabase();
        return new PostgresMetadataStore(new PostgresOptions { ConnectionString = PostgresServer.Shared.ConnectionString(_database) });
    }

    protected override void AfterDispose()
    {
        if (_database is not null)
        {
            PostgresServer.Shared.DropDatabase(_database);
        }
    }
}
