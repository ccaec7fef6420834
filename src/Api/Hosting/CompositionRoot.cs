using BleepStore.Api.Configuration;
using BleepStore.Api.Http;
using BleepStore.Api.S3;
using BleepStore.Application.Abstractions;
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
    };

    public static IServiceCollection AddBleepStoreServer(this IServiceCollection services, BleepStoreConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(config.Observability);
        services.AddBleepStore(OptionsFrom(config));

        services.AddSingleton(new S3Router(config.Server.Domains));
        services.AddSingleton<ErrorResponder>();
        services.AddSingleton<S3RequestHandler>();
        if (config.Observability.Metrics)
        {
            services.AddSingleton(sp => new Observability.MetricsRegistry(sp.GetRequiredService<IMetadataStore>()));
        }

        return services;
    }
}
