using BleepStore.Api.Admin;
using BleepStore.Api.Configuration;
using BleepStore.Api.Http;
using BleepStore.Api.S3;
using BleepStore.Api.Observability;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;
using BleepStore.Infrastructure.Hosting;

namespace BleepStore.Api.Hosting;

/// <summary>Everything the server registers: BleepStore itself (as any embedder gets it) and the Api's own parts.</summary>
internal static class CompositionRoot
{
    public static BleepStoreOptions OptionsFrom(BleepStoreConfig config) => new()
    {
        Region = config.Server.Region,
        MaxObjectSize = config.Server.MaxObjectSize,
        Auth = config.Auth,
        Metadata = config.Metadata,
        Storage = config.Storage,
        NodeId = config.Cluster.NodeId ?? (config.Metadata.Engine == Infrastructure.Configuration.MetadataEngines.Postgres
            ? Infrastructure.Configuration.NodeIds.Default(config.Server.Port)
            : null),
        Lifecycle = new Application.Lifecycle.LifecycleOptions { DayLength = TimeSpan.FromSeconds(config.Lifecycle.DaySeconds) },
        LifecycleInterval = config.Lifecycle.ScanIntervalSeconds > 0 ? TimeSpan.FromSeconds(config.Lifecycle.ScanIntervalSeconds) : null,
    };

    public static IServiceCollection AddBleepStoreServer(this IServiceCollection services, BleepStoreConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(config.Observability);
        var instance = BleepStoreMetrics.ForInstance();
        services.AddSingleton(_ => new BleepStoreMetrics(BleepStoreMetrics.DefaultMeterName + instance));
        services.AddBleepStore(OptionsFrom(config));

        services.AddSingleton(new S3Router(config.Server.Domains));
        services.AddSingleton<ErrorResponder>();
        services.AddSingleton<S3RequestHandler>();
        services.AddBleepStoreTelemetry(config, instance);
        services.AddAdmin(config);

        // Storage calls are timed (bleepstore_storage_operation_duration_seconds) and traced; the adapter stays inside.
        Decorate<IObjectStorage>(services, static (sp, inner) => new InstrumentedObjectStorage(inner, sp.GetRequiredService<BleepStoreMetrics>()));
        if (config.Observability.Metrics)
        {
            // Metadata calls are timed (bleepstore_metadata_operation_duration_seconds) only when metrics are served.
            var engine = config.Metadata.Engine;
            Decorate<IMetadataStore>(services, (sp, inner) => new InstrumentedMetadataStore(inner, sp.GetRequiredService<BleepStoreMetrics>(), engine));
        }

        if (config.Observability.OtlpEndpoint is not null)
        {
            // Metadata calls become child spans only when traces are exported; otherwise the store is called directly.
            Decorate<IMetadataStore>(services, static (_, inner) => TracingProxy<IMetadataStore>.Create(inner, "metadata"));
        }

        return services;
    }

    /// <summary>Replaces the last registration of <typeparamref name="T"/> with <paramref name="wrap"/> around it.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(T))
        {
            index--;
        }

        if (index < 0)
        {
            return;
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Singleton<T>(sp => wrap(sp, original switch
        {
            { ImplementationInstance: T instance } => instance,
            { ImplementationFactory: { } factory } => (T)factory(sp),
            _ => (T)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
        }));
    }
}
