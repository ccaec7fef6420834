using BleepStore.Application;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Hosting;
using BleepStore.Infrastructure.Storage.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

// Where hosts look for Add… methods, so no extra using is needed.
namespace Microsoft.Extensions.DependencyInjection;

public static class BleepStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers BleepStore whole: the Application (mediator, every use case, validators, pipeline), the metadata
    /// and storage adapters <paramref name="options"/> names, and hosted services for start-up recovery and
    /// credential seeding (<see cref="BleepStoreStartup"/>) and for reaping abandoned multipart uploads. An
    /// <see cref="IMetadataStore"/> or <see cref="IObjectStorage"/> registered before this call wins over the
    /// configured one. Logging falls back to a silent logger factory when the host registers none.
    /// </summary>
    public static IServiceCollection AddBleepStore(this IServiceCollection services, BleepStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Backends.CheckPairing(options.Metadata, options.Storage);
        services.AddLogging();
        services.AddSingleton(options);
        services.AddSingleton(options.Lifecycle);
        services.AddBleepStoreApplication(options.ToS3Options());

        // Factories, so the container owns (and disposes) what they open; first opened by BleepStoreStartup.
        services.TryAddSingleton<IMetadataStore>(sp => Backends.OpenMetadata(options.Metadata, sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        services.TryAddSingleton<IObjectStorage>(_ => Backends.OpenStorage(options.Storage, options.Metadata, options.EffectiveNodeId));

        // Background jobs on one node at a time: a PostgreSQL advisory lock in a cluster, always held alone.
        services.TryAddSingleton<IBackgroundLease>(sp => options.Metadata.Engine == MetadataEngines.Postgres
            ? ActivatorUtilities.CreateInstance<BleepStore.Infrastructure.Metadata.Postgres.PostgresBackgroundLease>(sp, options.Metadata.Postgres)
            : new LocalBackgroundLease());

        services.AddSingleton<BleepStoreStartup>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<BleepStoreStartup>());
        if (options.Storage is { Backend: StorageBackends.Memory, Memory.Persistence: MemoryPersistence.Snapshot })
        {
            services.AddSingleton<IHostedService>(sp => BleepStore.Application.Diagnostics.InstrumentedObjectStorage.Unwrap(sp.GetRequiredService<IObjectStorage>()) is MemoryObjectStorage memory
                ? ActivatorUtilities.CreateInstance<MemorySnapshotService>(sp, memory, options.Storage.Memory)
                : throw new ConfigException("storage.memory.persistence", "snapshots need the built-in memory backend"));
        }

        if (options.UploadReaperInterval is { } interval)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<UploadReaperService>(sp, interval));
        }

        if (options.LifecycleInterval is { } lifecycleInterval)
        {
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LifecycleService>(sp, lifecycleInterval));
        }

        return services;
    }

    /// <summary>
    /// Configures <see cref="BleepStoreOptions"/> in code: <c>services.AddBleepStore(o => o with { Region = "eu-west-1" })</c>.
    /// </summary>
    public static IServiceCollection AddBleepStore(this IServiceCollection services, Func<BleepStoreOptions, BleepStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return services.AddBleepStore(configure(new BleepStoreOptions()));
    }

    /// <summary>For a container without a host: runs what the hosted service would (recovery, credential seeding).</summary>
    public static Task InitializeBleepStoreAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<BleepStoreStartup>().RunAsync(ct);
}
